/**
 * A hostile spec rendered by the real build and opened in Chromium from a generic static host: the markup in its
 * descriptions (inline scripts, `<iframe srcdoc>`, event handlers, `javascript:` links, `<meta http-equiv=refresh>`,
 * objects) runs nothing, loads no frame, fetches nothing and never navigates the page. Each attack would set a
 * `__hostile_*` global and fetch a `/__hit/` path that the host records.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumMissing, launchChromium } from '@modelspecs/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build.js';
import { tempWorkspace } from '../helpers.js';
import { type StaticHost, serveUnderSubPath } from '../support/static-host.js';

let root: string | undefined;
let host: StaticHost | undefined;
let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
let setupFailure: Error | undefined;

beforeAll(async () => {
  const missing = chromiumMissing();
  if (missing) {
    setupFailure = new Error(missing);
    return;
  }
  root = tempWorkspace(['hostile']);
  const outDir = join(root, 'site');
  await buildSite({ root, outDir });
  host = await serveUnderSubPath(outDir);
  browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

const hostileGlobals = (page: Page) =>
  page.evaluate(() => Object.keys(window).filter((key) => key.startsWith('__hostile')));

describe('hostile: a spec with script, frames and redirects in its Markdown', () => {
  it('runs none of it, loads no frame, fetches nothing and stays on the page', async () => {
    if (setupFailure) throw setupFailure;
    const page = browser!.context.pages()[0] ?? (await browser!.context.newPage());
    const pageUrl = `${host!.siteUrl}hostile/`;
    const documents: string[] = [];
    const errors: string[] = [];
    page.on('framenavigated', (frame) => documents.push(frame.url()));
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(pageUrl, { waitUntil: 'networkidle' });
    await page.locator('[data-component-name="Menu/Menu"]').first().waitFor();
    // Show every description: expand the tag group and open each operation, by click and by direct link.
    const groups = page.locator('.menu-item-type-group > a');
    for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).click();
    const operations = page.locator('[data-component-name="Menu/MenuItem"] a[href^="#/"]');
    await expect.poll(() => operations.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    const hrefs = await operations.evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    for (const href of hrefs) {
      await page.locator(`[data-component-name="Menu/MenuItem"] a[href="${href}"]`).first().click();
      await page.waitForLoadState('networkidle');
    }
    // Each operation opened directly, as in a new tab.
    for (const href of hrefs) {
      const tab = await browser!.context.newPage();
      tab.on('framenavigated', (frame) => documents.push(frame.url()));
      tab.on('pageerror', (error) => errors.push(error.message));
      await tab.goto(`${pageUrl}${href}`, { waitUntil: 'networkidle' });
      await tab.locator('[data-component-name="Menu/Menu"]').first().waitFor();
      await tab.waitForTimeout(1_500);
      expect(await hostileGlobals(tab), `no injected script ran in ${href}`).toEqual([]);
      expect(tab.url().startsWith(pageUrl), `still on the page: ${tab.url()}`).toBe(true);
      await tab.close();
    }
    await page.goto(`${pageUrl}#/models/listmodels`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.getByText('Lists the models.').count()).toBeGreaterThan(0);
    const javascriptLink = page.locator('#hostile-javascript-link');
    if ((await javascriptLink.count()) > 0) await javascriptLink.first().click();
    // A refresh with a delay of 1 s would fire by now.
    await page.waitForTimeout(2_500);

    expect(await hostileGlobals(page), 'no injected script ran').toEqual([]);
    expect(host!.hits, 'no injected load or fetch reached the host').toEqual([]);
    expect(await page.locator('iframe, object, embed, meta[http-equiv="refresh" i]').count()).toBe(0);
    expect(page.url().startsWith(pageUrl), `still on the page: ${page.url()}`).toBe(true);
    expect(documents.filter((url) => !url.startsWith(pageUrl))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
