/**
 * The built site served by a generic static host under a sub-path (`/modelspecs/`, sirv on node:http, not
 * serveDocs): the portal and every reference page answer 200, every link on them opened directly (as in a new tab)
 * answers 200 and stays under the sub-path (each distinct document and Redoc route opened in its own tab), every
 * download answers 200 and is named after its vendor, and no request leaves the sub-path. Links to other hosts (the vendors' own documentation) are listed, not followed: tests stay on loopback.
 */
import { existsSync } from 'node:fs';
import { discoverVendors } from '@modelspecs/spec-tools';
import { chromiumMissing, launchChromium } from '@modelspecs/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SITE_DIR } from '../../src/build.js';
import { specDownloads } from '../../src/downloads.js';
import { repoRoot } from '../helpers.js';
import { type StaticHost, serveUnderSubPath } from '../support/static-host.js';

const slugs = discoverVendors(repoRoot).map((v) => v.slug);
let host: StaticHost;
let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
let setupFailure: Error | undefined;
/** Every request the browser made, by URL. */
const requested: string[] = [];

beforeAll(async () => {
  const missing = chromiumMissing();
  if (missing) {
    setupFailure = new Error(missing);
    return;
  }
  if (!existsSync(`${DEFAULT_SITE_DIR}/index.html`)) {
    setupFailure = new Error(`No rendered site in ${DEFAULT_SITE_DIR}: run \`pnpm docs\`.`);
    return;
  }
  host = await serveUnderSubPath(DEFAULT_SITE_DIR);
  browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
  browser.context.on('request', (request) => requested.push(request.url()));
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

interface FoundLink {
  /** The href as written. */
  raw: string;
  /** As the browser resolves it. */
  url: string;
  download: boolean;
}

async function linksOn(page: Page): Promise<FoundLink[]> {
  return page.locator('a[href]').evaluateAll((anchors) =>
    anchors.map((a) => ({
      raw: a.getAttribute('href') ?? '',
      url: (a as HTMLAnchorElement).href,
      download: a.hasAttribute('download'),
    })),
  );
}

/** Opens `url` in a fresh tab and returns its status; a reference page must also render (not Redoc's 404 page). */
async function openInNewTab(
  url: string,
): Promise<{ status: number | undefined; finalUrl: string; notFound: number }> {
  const tab = await browser!.context.newPage();
  try {
    const response = await tab.goto(url, { waitUntil: 'load' });
    let notFound = 0;
    const { pathname } = new URL(url);
    if (slugs.some((slug) => pathname === new URL(`${slug}/`, host.siteUrl).pathname)) {
      await tab.locator('[data-component-name="Menu/Menu"]').first().waitFor();
      notFound = await tab.locator('.not-found-page').count();
    }
    return { status: response?.status(), finalUrl: tab.url(), notFound };
  } finally {
    await tab.close();
  }
}

/**
 * Where opening `url` directly lands: the document and its route (`#/models/listmodels`). Links that differ only
 * after the route (`#/models/listmodels#…/responses`) are anchors inside the route's page: the document and the
 * route are what a new tab loads, so each distinct one is opened once.
 */
function landing(url: string): string {
  const hash = url.indexOf('#');
  if (hash < 0) return url;
  const second = url.indexOf('#', hash + 1);
  return second < 0 ? url : url.slice(0, second);
}

/**
 * Checks every link of the page at `url`: same-site links stay under the sub-path and open with 200 in a new tab
 * (downloads are fetched, not shown); links to other hosts are listed, not followed.
 */
async function checkLinks(url: string, expand: (page: Page) => Promise<void>) {
  if (setupFailure) throw setupFailure;
  const page = browser!.context.pages()[0] ?? (await browser!.context.newPage());
  const response = await page.goto(url, { waitUntil: 'networkidle' });
  expect(response?.status()).toBe(200);
  await expand(page);
  const links = await linksOn(page);
  const external = new Set<string>();
  const landings = new Set<string>();
  const files = new Set<string>();
  for (const link of links) {
    expect(link.raw, 'no root-relative or protocol-relative link').not.toMatch(/^\s*[/\\]/);
    const target = new URL(link.url);
    if (target.origin !== host.origin) {
      expect(target.protocol, `${link.raw}: only http(s) links leave the site`).toMatch(/^https?:$/);
      external.add(link.url);
      continue;
    }
    expect(link.url.startsWith(host.siteUrl), `${link.raw} stays under ${host.siteUrl}`).toBe(true);
    if (link.download || /\.(?:json|ya?ml)$/.test(target.pathname)) files.add(link.url);
    else landings.add(landing(link.url));
  }
  expect(landings.size).toBeGreaterThan(0);
  for (const file of files) {
    expect({ file, status: (await page.request.get(file)).status() }).toEqual({ file, status: 200 });
  }
  for (const target of landings) {
    const opened = await openInNewTab(target);
    expect({ target, status: opened.status, notFound: opened.notFound }).toEqual({
      target,
      status: 200,
      notFound: 0,
    });
    expect(opened.finalUrl.startsWith(host.siteUrl), `${target} ends at ${opened.finalUrl}`).toBe(true);
  }
  return { page, links, external: [...external] };
}

const expandReference = async (page: Page) => {
  await page.locator('[data-component-name="Menu/Menu"]').first().waitFor();
  const groups = page.locator('.menu-item-type-group > a');
  for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).click();
  await page.waitForLoadState('networkidle');
};

describe('the site served from a generic static host under /modelspecs/', () => {
  it('the portal: every link opens with 200 under the sub-path, downloads named after the vendor', async () => {
    const { links } = await checkLinks(host?.siteUrl ?? 'about:blank', async () => {});
    for (const slug of slugs) {
      const { yaml, json } = specDownloads(slug);
      const downloads = links.filter((l) => l.download && l.raw.startsWith(`${slug}/`)).map((l) => l.raw);
      expect(downloads.sort()).toEqual([`${slug}/${json}`, `${slug}/${yaml}`]);
      expect(links.some((l) => l.raw === `${slug}/`)).toBe(true);
    }
  });

  // Each route is a fresh 2.5 MB page rendered in a new tab (10-16 s each on a busy two-core machine): a wider
  // hang guard than the suite's default.
  it.each(slugs)(
    'the %s reference: portal link, downloads, every link opened directly',
    { timeout: 600_000 },
    async (slug) => {
      const pageUrl = `${host?.siteUrl}${slug}/`;
      const { page, links } = await checkLinks(pageUrl, expandReference);
      const portal = links.filter((l) => l.url === host.siteUrl);
      expect(portal.length, 'a link back to the portal').toBeGreaterThan(0);
      const { yaml, json } = specDownloads(slug);
      for (const file of [yaml, json]) {
        expect(links.some((l) => l.download && l.url === `${pageUrl}${file}`)).toBe(true);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.locator(`.modelspecs-site a[href="${file}"]`).click(),
        ]);
        expect(download.suggestedFilename()).toBe(file);
        expect(download.url()).toBe(`${pageUrl}${file}`);
        const body = await (await page.request.get(download.url())).text();
        expect(body).toMatch(file.endsWith('.json') ? /^\{\s*"openapi": "3\.1/ : /^openapi: 3\.1/);
      }
    },
  );

  it('no request left the sub-path', () => {
    if (setupFailure) throw setupFailure;
    const outside = requested.filter(
      (url) => !url.startsWith(host.siteUrl) && !/^(data|blob|about):/.test(url),
    );
    expect(outside).toEqual([]);
    expect(host.requests.filter((path) => !path.startsWith('/modelspecs/'))).toEqual([]);
  });
});
