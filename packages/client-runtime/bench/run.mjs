// Measures the two budgets of the clients and exits non-zero when one is missed:
// - size: each built vendor package entry bundled with the runtime and openapi-fetch (esbuild, minified), gzipped;
// - speed: requests per second of each vendor client against raw fetch, on a loopback node:http server.
// The vendor packages are discovered from specs/*.
import { execFileSync, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { discoverVendors, findRepoRoot } from '@modelspecs/spec-tools';
import { build } from 'esbuild';

const SIZE_BUDGET_BYTES = 4096;
const THROUGHPUT_FLOOR = 0.9;
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const CONCURRENCY = 8;

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

// The server runs in its own process so that its work does not count against the client under test.
const server = fork(fileURLToPath(new URL('./loopback-server.mjs', import.meta.url)), { stdio: 'inherit' });
const port = await new Promise((resolve, reject) => {
  server.once('message', resolve);
  server.once('error', reject);
});
const baseUrl = `http://127.0.0.1:${port}/v1`;

/** Wall-clock ms and this process's CPU ms for `count` calls, CONCURRENCY in flight. */
async function run(call, count) {
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < count) await call();
    }),
  );
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}

const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];

// Raw fetch does by hand what the client does: the URL, the auth header, and the JSON body. The second baseline
// also hands fetch a 60 s AbortSignal.timeout, as the client does for its timeout: on Node 20 undici charges every
// request that carries a signal some 15-25 us of CPU, a cost of the platform that no fetch client with timeouts avoids.
const headers = { Authorization: 'Bearer bench-key' };
const baselines = {
  raw: () => fetch(`${baseUrl}/models`, { headers }).then((r) => r.json()),
  'raw+timeout': () =>
    fetch(`${baseUrl}/models`, { headers, signal: AbortSignal.timeout(60_000) }).then((r) => r.json()),
};

console.log(
  `\nThroughput on loopback: ${ROUNDS} rounds of ${BATCH}-request batches (raw fetch, raw fetch with a timeout signal and ` +
    `the client, in rotating order), ${CONCURRENCY} in flight; medians of per-round ratios.\n` +
    '  wall: requests per wall-clock second. cpu: requests per CPU second of this process (the server runs apart), which\n' +
    `  other work on a shared machine skews far less; the floor (${THROUGHPUT_FLOOR}x) is checked on cpu against raw+timeout.`,
);
try {
  await run(baselines.raw, 2 * BATCH);
  for (const vendor of vendors) {
    const module = await import(pathToFileURL(vendor.entry).href);
    const factory = Object.entries(module).find(([name]) => /^create\w+Client$/.test(name))?.[1];
    const client = factory({ apiKey: 'bench-key', baseUrl });
    // Every vendor client sends the same request: the bench measures the client, not the spec.
    const calls = {
      ...baselines,
      client: () =>
        client.request('get', '/models').then(({ data, error }) => {
          if (error !== undefined || data === undefined)
            throw new Error(`${vendor.slug}: the request failed`);
        }),
    };
    const names = Object.keys(calls);
    await run(calls.client, BATCH);
    const totals = Object.fromEntries(names.map((name) => [name, { wall: 0, cpu: 0 }]));
    const ratios = Object.fromEntries(names.map((name) => [name, { wall: [], cpu: [] }]));
    for (let round = 0; round < ROUNDS; round++) {
      const taken = {};
      for (let i = 0; i < names.length; i++) {
        const name = names[(round + i) % names.length];
        taken[name] = await run(calls[name], BATCH);
        totals[name].wall += taken[name].wall;
        totals[name].cpu += taken[name].cpu;
      }
      for (const name of Object.keys(baselines)) {
        ratios[name].wall.push(taken[name].wall / taken.client.wall);
        ratios[name].cpu.push(taken[name].cpu / taken.client.cpu);
      }
    }
    const perSecond = (ms) => (((ROUNDS * BATCH) / ms) * 1000).toFixed(0);
    const floorRatio = median(ratios['raw+timeout'].cpu);
    const ok = floorRatio >= THROUGHPUT_FLOOR;
    failed ||= !ok;
    console.log(`  ${vendor.clientPackage}: ${ok ? 'ok' : 'BELOW FLOOR'}`);
    for (const name of names) {
      const versus =
        name === 'client'
          ? ''
          : `   client vs ${name}: wall ${median(ratios[name].wall).toFixed(2)}x, cpu ${median(ratios[name].cpu).toFixed(2)}x`;
      console.log(
        `    ${name.padEnd(12)} wall ${perSecond(totals[name].wall).padStart(6)}/s  cpu ${perSecond(totals[name].cpu).padStart(6)}/s${versus}`,
      );
    }
  }
} finally {
  server.send('stop');
  await new Promise((resolve) => server.once('exit', resolve));
}

process.exit(failed ? 1 : 0);
