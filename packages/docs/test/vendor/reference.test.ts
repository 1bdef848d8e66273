// The vendor's reference as the `docs` task renders it and `pnpm start` serves it (run by its spec package's
// `test:vendor` task; see vitest.vendor.config.ts): the real build of its spec (Redocly, offline, hardened) into a
// scratch folder, its card and model-table row on the portal, and the site served beside the vendor's mock. The
// script `pnpm start` runs, and the build itself, are tested on fixture vendors (test/start-script.test.ts,
// test/build.test.ts).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMockTable, type RunningMock, serverBasePath } from '@modelspecs/mock';
import { bundleSpec, type OpenApiDocument } from '@modelspecs/spec-tools';
import { sharedMocks, vendorsUnderTest } from '@modelspecs/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltSite, buildSite } from '../../src/build.js';
import { specDownloads } from '../../src/downloads.js';
import { viewTimeExternalUrls } from '../../src/offline.js';
import { type DocsServer, serveDocs } from '../../src/serve.js';
import { repoRoot } from '../helpers.js';

const vendors = vendorsUnderTest(repoRoot);
const docs = new Map<string, OpenApiDocument>();
let outDir: string;
let site: BuiltSite;
let server: DocsServer;

beforeAll(async () => {
  for (const vendor of vendors) docs.set(vendor.slug, await bundleSpec(vendor.specFile, repoRoot));
  outDir = mkdtempSync(join(tmpdir(), 'modelspecs-docs-vendor-'));
  site = await buildSite({ root: repoRoot, outDir, vendors: vendors.map((v) => v.slug) });
  server = await serveDocs({ dir: outDir, port: 0, mockUrls: sharedMocks().urls });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

it('the portal has a card and a model-table row per vendor, in discovery order', () => {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const cards = [...html.matchAll(/<article class="card" id="vendor-([^"]+)"/g)].map((m) => m[1]);
  const rows = [...html.matchAll(/<tr data-vendor="([^"]+)"/g)].map((m) => m[1]);
  expect(cards).toEqual(vendors.map((v) => v.slug));
  expect(rows).toEqual(vendors.map((v) => v.slug));
});

describe.each(vendors.map((v) => v.slug))('the reference of %s', (slug) => {
  it('is a page that fetches nothing from another host, beside both downloads', () => {
    const html = readFileSync(join(outDir, slug, 'index.html'), 'utf8');
    expect(html).toContain('<meta http-equiv="Content-Security-Policy"');
    expect(viewTimeExternalUrls(html)).toEqual([]);
    const downloads = specDownloads(slug);
    for (const file of [downloads.yaml, downloads.json])
      expect(existsSync(join(outDir, slug, file)), file).toBe(true);
  });

  it('lists every documented discrepancy on its card', () => {
    const summary = site.vendors.find((v) => v.slug === slug)!;
    expect(summary.discrepancies.length, `${slug} x-doc-discrepancies`).toBe(
      (docs.get(slug)!['x-doc-discrepancies'] as unknown[]).length,
    );
  });

  it('is served beside its mock as `pnpm start` serves them: the mock at its base path, the portal linking it', async () => {
    const mock = sharedMocks<RunningMock>().mocks.find((m) => m.slug === slug)!;
    const baseUrl = `http://127.0.0.1:${mock.port}${serverBasePath(docs.get(slug)!, slug)}`;
    const reference = new URL(`${slug}/`, server.url).href;
    const line = formatMockTable([mock], { [slug]: reference })
      .split('\n')
      .find((l) => l.startsWith(`${slug} `));
    expect(line).toContain(baseUrl);
    expect(line?.endsWith(reference), `${line} ends with its reference`).toBe(true);
    expect((await fetch(reference)).status, reference).toBe(200);
    const portal = await fetch(server.url);
    expect(portal.status).toBe(200);
    const html = await portal.text();
    const card = html.slice(html.indexOf(`<article class="card" id="vendor-${slug}"`));
    const mockLink = /<a href="([^"]+)" data-link="mock">/.exec(
      card.slice(0, card.indexOf('</article>')),
    )?.[1];
    expect(mockLink && new URL(mockLink).href, `${slug}'s card links its mock`).toBe(
      new URL(mock.baseUrl).href,
    );
  });
});
