// Measures the two budgets of the clients and exits non-zero when one is missed:
// - size: each built vendor package entry bundled with the runtime and openapi-fetch (esbuild, minified), gzipped;
// - speed: requests per second of each vendor client against raw fetch, on a loopback node:http server.
// The vendor packages are discovered from specs/*. `--size-only` (the bench:size script) stops after the sizes.
import { execFileSync, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { discoverVendors, findRepoRoot } from '@modelspecs/spec-tools';
import { build } from 'esbuild';

const SIZE_BUDGET_BYTES = 5120;
const THROUGHPUT_FLOOR = 0.9;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const root = findRepoRoot();
const vendors = discoverVendors(root).map((vendor) => ({
  ...vendor,
  entry: join(root, 'packages', vendor.slug, 'dist', 'index.js'),
}));
// `pnpm bench` builds this package only, so the vendor packages it measures are compiled here.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
for (const vendor of vendors) {
  const packageDir = dirname(dirname(vendor.entry));
  if (!existsSync(join(packageDir, 'src', 'generated', 'vendor.gen.ts'))) {
    console.error(
      `${packageDir}: no generated code; run pnpm turbo run generate --filter=${vendor.clientPackage}`,
    );
    process.exit(2);
  }
  execFileSync(process.execPath, [tsc, '-p', join(packageDir, 'tsconfig.build.json')], { stdio: 'inherit' });
}

let failed = false;

console.log(`Bundle size (esbuild --bundle --minify, ESM, then gzip level 9); budget ${SIZE_BUDGET_BYTES} B`);
for (const vendor of vendors) {
  const result = await build({
    entryPoints: [vendor.entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const gzipped = gzipSync(code, { level: 9 }).length;
  const ok = gzipped <= SIZE_BUDGET_BYTES;
  failed ||= !ok;
  console.log(
    `  ${vendor.clientPackage.padEnd(24)} ${String(code.length).padStart(6)} B min  ${String(gzipped).padStart(5)} B min+gz  ${ok ? 'ok' : 'OVER BUDGET'}`,
  );
}

if (process.argv.includes('--size-only')) process.exit(failed ? 1 : 0);

// The server runs in its own process so that its work does not count against the client under test.
const server = fork(fileURLToPath(new URL('./loopback-server.mjs', import.meta.url)), { stdio: 'inherit' });
const port = await new Promise((resolve, reject) => {
  server.once('message', resolve);
  server.once('error', reject);
});
const baseUrl = `http://127.0.0.1:${port}/v1`;

const measure = (variant) =>
  JSON.parse(
    execFileSync(
      process.execPath,
      [fileURLToPath(new URL('./throughput.mjs', import.meta.url)), baseUrl, variant],
      {
        encoding: 'utf8',
      },
    ),
  );
const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];

console.log(
  `\nThroughput on loopback: ${ROUNDS} rounds; in each, every variant measured in a fresh process (${process.env.BENCH_REQUESTS ?? 8000} GET ` +
    `requests after a warm-up, ${8} in flight); medians.\n` +
    '  wall: requests per wall-clock second. cpu: requests per CPU second of the measuring process (the server runs\n' +
    '  apart), which other work on a shared machine skews far less. raw+timeout is raw fetch with the 60 s\n' +
    '  AbortSignal.timeout the client also hands fetch: on Node 20 undici charges each request that carries a signal\n' +
    `  some 15-25 us of CPU, a cost of the platform that no fetch client with a timeout avoids. The floor ` +
    `(${THROUGHPUT_FLOOR}x) is checked on cpu like for like: each client against raw+timeout, and the first client\n` +
    '  with `timeoutMs: 0` (no signal) against raw fetch.',
);
try {
  const noTimeout = `${vendors[0].entry}#no-timeout`;
  const variants = ['raw', 'raw+timeout', ...vendors.map((vendor) => vendor.entry), noTimeout];
  const results = new Map(variants.map((variant) => [variant, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(round + i) % variants.length];
      results.get(variant).push(measure(variant));
    }
  }
  const figure = (variant, key) => median(results.get(variant).map((result) => result[key]));
  const line = (label, variant) =>
    `  ${label.padEnd(24)} wall ${figure(variant, 'wallPerSecond').toFixed(0).padStart(6)}/s  cpu ${figure(variant, 'cpuPerSecond').toFixed(0).padStart(6)}/s`;
  console.log(line('raw fetch', 'raw'));
  console.log(line('raw fetch + timeout', 'raw+timeout'));
  for (const vendor of vendors) {
    const ratio = (baseline, key) => figure(vendor.entry, key) / figure(baseline, key);
    const ok = ratio('raw+timeout', 'cpuPerSecond') >= THROUGHPUT_FLOOR;
    failed ||= !ok;
    console.log(
      `${line(vendor.clientPackage, vendor.entry)}  vs raw: wall ${ratio('raw', 'wallPerSecond').toFixed(2)}x, cpu ${ratio('raw', 'cpuPerSecond').toFixed(2)}x` +
        `  vs raw+timeout: wall ${ratio('raw+timeout', 'wallPerSecond').toFixed(2)}x, cpu ${ratio('raw+timeout', 'cpuPerSecond').toFixed(2)}x  ${ok ? 'ok' : 'BELOW FLOOR'}`,
    );
  }
  const bare = figure(noTimeout, 'cpuPerSecond') / figure('raw', 'cpuPerSecond');
  const bareOk = bare >= THROUGHPUT_FLOOR;
  failed ||= !bareOk;
  console.log(
    `${line(`${vendors[0].clientPackage} timeoutMs 0`, noTimeout)}  vs raw: wall ${(figure(noTimeout, 'wallPerSecond') / figure('raw', 'wallPerSecond')).toFixed(2)}x, cpu ${bare.toFixed(2)}x  ${bareOk ? 'ok' : 'BELOW FLOOR'}`,
  );
} finally {
  server.send('stop');
  await new Promise((resolve) => server.once('exit', resolve));
}

process.exit(failed ? 1 : 0);
