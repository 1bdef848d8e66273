/**
 * The built "Compare models" page in a real browser, served from a generic static host under a sub-path: its
 * inline script runs under the page's CSP, a click sorts by price (cheapest first, models without a USD price
 * last, then the reverse), every value names its source field on hover, and nothing is fetched from another host.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumMissing, launchChromium } from '@modelspecs/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SITE_DIR } from '../../src/build.js';
import { COMPARE_PAGE } from '../../src/compare.js';
import { type StaticHost, serveUnderSubPath } from '../support/static-host.js';

let host: StaticHost;
let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
let setupFailure: Error | undefined;
const requested: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  const missing = chromiumMissing();
  if (missing) {
    setupFailure = new Error(missing);
    return;
  }
  if (!existsSync(join(DEFAULT_SITE_DIR, COMPARE_PAGE))) {
    setupFailure = new Error(`No ${COMPARE_PAGE} in ${DEFAULT_SITE_DIR}: run \`pnpm docs\`.`);
    return;
  }
  host = await serveUnderSubPath(DEFAULT_SITE_DIR);
  browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
  browser.context.on('request', (request) => requested.push(request.url()));
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('the Compare models page', () => {
  it('sorts by price on a click, and back', async () => {
    if (setupFailure) throw setupFailure;
    const page = await browser!.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    const response = await page.goto(new URL(COMPARE_PAGE, host.siteUrl).href, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    const header = page.locator('th', { hasText: 'Input USD / 1M' });
    const column = Number(await header.getAttribute('data-column'));
    const prices = () =>
      page
        .locator('table.compare tbody tr')
        .evaluateAll(
          (rows, i) => rows.map((row) => (row as HTMLTableRowElement).cells[i]!.dataset.sort ?? ''),
          column,
        );
    const before = await prices();
    const priced = before.filter((p) => p !== '').map(Number);
    expect(priced.length, 'the examples have USD prices').toBeGreaterThan(3);
    const ascending = [...priced].sort((a, b) => a - b);
    expect(priced, 'the page does not start sorted by price').not.toEqual(ascending);

    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const sorted = await prices();
    const empty = sorted.filter((p) => p === '').length;
    expect(sorted.slice(0, priced.length).map(Number)).toEqual(ascending);
    expect(sorted.slice(priced.length)).toEqual(Array(empty).fill(''));

    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect((await prices()).slice(0, priced.length).map(Number)).toEqual([...ascending].reverse());

    // The cheapest row's price names the field it came from.
    await header.locator('button').click();
    const first = page.locator('table.compare tbody tr').first().locator('td').nth(column);
    expect(await first.getAttribute('title')).toMatch(/^source: \/\S+/);
    expect(consoleErrors).toEqual([]);
    expect(requested.filter((url) => !url.startsWith(host.origin))).toEqual([]);
  });
});
