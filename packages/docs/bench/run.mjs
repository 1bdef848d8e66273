#!/usr/bin/env node
// Benchmark of the rendered reference: how long rendering takes, how big the pages are (raw and gzipped), and how
// long each page takes to load and hydrate in Chromium when served on loopback. Run: pnpm --filter @modelspecs/docs bench
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromiumMissing, launchChromium } from '@modelspecs/testkit';
import { buildSite, serveDocs } from '../lib/index.js';

process.env.REDOCLY_TELEMETRY = 'off';
process.env.DO_NOT_TRACK = '1';

const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
const outDir = mkdtempSync(join(tmpdir(), 'modelspecs-docs-bench-'));

try {
  const started = performance.now();
  const site = await buildSite({ outDir });
  const buildMs = performance.now() - started;
  console.log(
    `render: ${site.vendors.length} references + portal in ${(buildMs / 1000).toFixed(2)} s (cold, 2 at a time)`,
  );

  const rows = [];
  for (const page of ['index.html', ...site.vendors.map((v) => `${v.slug}/index.html`)]) {
    const html = readFileSync(join(outDir, page));
    rows.push({ page, raw: html.length, gzip: gzipSync(html).length });
  }

  const missing = chromiumMissing();
  if (!missing) {
    const server = await serveDocs({ dir: outDir, port: 0 });
    const { context, close } = await launchChromium();
    const tab = context.pages()[0] ?? (await context.newPage());
    for (const row of rows) {
      const path = row.page.replace(/index\.html$/, '');
      const runs = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await tab.goto(new URL(path, server.url).href, { waitUntil: 'load' });
        // The reference is interactive once Redoc has hydrated its menu; the portal has nothing to hydrate.
        if (path !== '') await tab.locator('[data-component-name="Menu/Menu"]').first().waitFor();
        runs.push(performance.now() - t0);
      }
      row.loadMs = Math.min(...runs);
    }
    await close();
    await server.stop();
  } else {
    console.log(`(load times skipped: ${missing})`);
  }

  console.log('\npage                    raw        gzip      load (best of 3)');
  for (const row of rows) {
    console.log(
      `${row.page.padEnd(23)} ${kib(row.raw).padStart(9)} ${kib(row.gzip).padStart(9)}   ${
        row.loadMs === undefined ? '-' : `${row.loadMs.toFixed(0)} ms`
      }`,
    );
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
