/**
 * The rendered site in a real browser (Debian's Chromium driven by playwright-core), served on loopback by
 * serveDocs: the portal lists every vendor, each reference shows every operation of its spec with its code
 * samples, no request leaves loopback and no page logs an error. Screenshots go to packages/docs/artifacts/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bundleSpec,
  discoverVendors,
  listOperations,
  type OpenApiDocument,
  type Vendor,
} from '@modelspecs/spec-tools';
import { chromiumMissing, launchChromium } from '@modelspecs/testkit';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SITE_DIR } from '../../src/build.js';
import { type DocsServer, serveDocs } from '../../src/serve.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const repoRoot = join(packageDir, '..', '..');
const artifacts = join(packageDir, 'artifacts');

const vendors: Vendor[] = discoverVendors(repoRoot);
const specs = new Map<string, OpenApiDocument>();

interface PageEvent {
  page: string;
  text: string;
}

let server: DocsServer;
let context: BrowserContext;
let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
const requests: PageEvent[] = [];
const errors: PageEvent[] = [];
let currentPage = '(none)';
/** Why the browser could not be set up; every test fails with it (none is skipped). */
let setupFailure: Error | undefined;

function isLocal(url: string): boolean {
  if (/^(data|blob|about):/.test(url)) return true;
  const { protocol, hostname } = new URL(url);
  return (
    (protocol === 'http:' || protocol === 'https:') && ['127.0.0.1', 'localhost', '[::1]'].includes(hostname)
  );
}

/** Requests and console errors recorded while `label` was open. */
function recordedFor(label: string) {
  return {
    external: requests.filter((r) => r.page === label && !isLocal(r.text)).map((r) => r.text),
    errors: errors.filter((e) => e.page === label).map((e) => e.text),
  };
}

async function open(label: string, path: string): Promise<Page> {
  if (setupFailure) throw setupFailure;
  currentPage = label;
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(new URL(path, server.url).href, { waitUntil: 'networkidle' });
  return page;
}

beforeAll(async () => {
  const missing = chromiumMissing();
  if (missing) {
    setupFailure = new Error(missing);
    return;
  }
  if (!existsSync(join(DEFAULT_SITE_DIR, 'index.html'))) {
    setupFailure = new Error(
      `No rendered site in ${DEFAULT_SITE_DIR}: run \`pnpm turbo run docs --filter=@modelspecs/docs\`.`,
    );
    return;
  }
  for (const vendor of vendors) specs.set(vendor.slug, await bundleSpec(vendor.specFile, repoRoot));
  mkdirSync(artifacts, { recursive: true });
  server = await serveDocs({ port: 0 });
  browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
  context = browser.context;
  context.on('request', (request) => requests.push({ page: currentPage, text: request.url() }));
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push({ page: currentPage, text: message.text() });
    });
    page.on('pageerror', (error) => errors.push({ page: currentPage, text: `uncaught: ${error.message}` }));
  };
  context.on('page', watch);
  for (const page of context.pages()) watch(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the portal', () => {
  it('lists every vendor with its facts read from the spec, and nothing leaves loopback', async () => {
    const page = await open('portal', '/');
    const cards = page.locator('article.card[data-vendor]');
    const slugs = await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-vendor')));
    expect(slugs).toEqual(vendors.map((v) => v.slug));
    for (const vendor of vendors) {
      const spec = specs.get(vendor.slug)!;
      const card = page.locator(`article.card[data-vendor="${vendor.slug}"]`);
      await expect(card.locator('h3').textContent()).resolves.toBe(spec.info['x-vendor']);
      await expect(card.locator('[data-field="base-url"]').textContent()).resolves.toBe(
        spec.servers?.[0]?.url,
      );
      await expect(card.locator('[data-field="operation-count"]').textContent()).resolves.toBe(
        String(listOperations(spec).length),
      );
      const download = await page.request.get(
        new URL((await card.locator('[data-link="json"]').getAttribute('href'))!, page.url()).href,
      );
      expect(download.status()).toBe(200);
      expect(((await download.json()) as OpenApiDocument).info.title).toBe(spec.info.title);
    }
    const rows = await page.locator('tbody tr[data-vendor]').count();
    expect(rows).toBe(vendors.length);
    await page.screenshot({ path: join(artifacts, 'portal.png'), fullPage: true });
    expect(recordedFor('portal')).toEqual({ external: [], errors: [] });
  });

  it('links each card to its reference page', async () => {
    const page = await open('portal-link', '/');
    const first = vendors[0]!;
    await page.locator(`article.card[data-vendor="${first.slug}"] [data-link="reference"]`).click();
    await page.waitForURL(new URL(`${first.slug}/`, server.url).href);
    await expect(page.title()).resolves.toContain(String(specs.get(first.slug)!.info['x-vendor']));
  });
});

describe.each(vendors.map((v) => v.slug))('the %s reference', (slug) => {
  it('shows every operation of the spec with its curl and TypeScript samples, offline and without errors', async () => {
    const label = `reference:${slug}`;
    const spec = specs.get(slug)!;
    const operations = listOperations(spec);
    const page = await open(label, `/${slug}/`);
    await expect(page.title()).resolves.toContain(String(spec.info['x-vendor']));
    await page.locator('[data-component-name="Menu/Menu"]').first().waitFor();
    await page.screenshot({ path: join(artifacts, `${slug}.png`) });

    // Tag groups start collapsed: open each so that every operation is in the menu.
    const groups = page.locator('.menu-item-type-group > a');
    for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).click();
    const menuItems = () =>
      page.locator('[data-component-name="Menu/MenuItem"] a[href^="#/"]').evaluateAll((links) =>
        links.map((a) => ({
          href: a.getAttribute('href') ?? '',
          summary: a.querySelector('[data-text]')?.getAttribute('data-text') ?? '',
          method:
            a.querySelector('[data-component-name="Tags/HttpTag"]')?.textContent?.trim().toUpperCase() ?? '',
        })),
      );
    // Groups expand asynchronously: wait until the menu has settled on as many operations as the spec has.
    await expect
      .poll(async () => (await menuItems()).filter((item) => item.method !== '').length, { timeout: 15_000 })
      .toBe(operations.length);
    const menu = await menuItems();
    // Tag entries have no method badge; operations do.
    const shown = menu
      .filter((item) => item.method !== '')
      .map(({ href, summary, method }) => ({ id: href.split('/').at(-1)!, summary, method }));
    const expected = operations.map(({ method, operation }) => ({
      id: operation.operationId!.toLowerCase(),
      summary: operation.summary!,
      method: method.toUpperCase(),
    }));
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...shown].sort(byId)).toEqual([...expected].sort(byId));

    for (const { operation } of operations) {
      const item = menu.find((m) => m.href.split('/').at(-1) === operation.operationId!.toLowerCase())!;
      await page.locator(`[data-component-name="Menu/MenuItem"] a[href="${item.href}"]`).click();
      const section = page.locator(`[data-section-id="${item.href.slice(1)}"]`);
      await expect.poll(() => section.locator('h2').first().textContent()).toBe(operation.summary);
      const sample = section.locator('[data-component-name="CodeBlock/CodeBlock"]').first();
      const languages = page.locator('[data-component-name="Dropdown/DropdownMenuItem"]');
      const choose = async (language: 'curl' | 'TypeScript') => {
        await section
          .getByRole('button', { name: /^(curl|TypeScript)$/ })
          .first()
          .click();
        await expect
          .poll(() => languages.allInnerTexts())
          .toEqual(expect.arrayContaining(['curl', 'TypeScript']));
        // The menu just opened is the last in the page: an earlier section's may still be there, scrolled out of view.
        // Clicked by its own click event, which does not depend on where the menu lies against the viewport (it
        // may open past the bottom of the window, where a pointer cannot reach it).
        await languages
          .filter({ hasText: new RegExp(`^${language}$`) })
          .last()
          .dispatchEvent('click');
      };
      await choose('curl');
      await expect.poll(() => sample.textContent()).toMatch(/^curl /);
      await choose('TypeScript');
      await expect.poll(() => sample.textContent()).toContain(`from '@modelspecs/${slug}'`);
      await section.screenshot({ path: join(artifacts, `${slug}-${operation.operationId}.png`) });
    }
    await page.waitForLoadState('networkidle');
    expect(recordedFor(label)).toEqual({ external: [], errors: [] });
    expect(requests.filter((r) => r.page === label).length).toBeGreaterThan(0);
  });
});
