// Measures the two budgets of the clients and exits non-zero when one is missed:
// - size: each built vendor package entry bundled with the runtime and openapi-fetch (esbuild, minified), gzipped;
// - speed: requests per second of each vendor client against raw fetch, on a loopback node:http server.
// The vendor packages are discovered from specs/* and must be built first (`pnpm bench` builds them).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { discoverVendors, findRepoRoot } from '@modelspecs/spec-tools';
import { build } from 'esbuild';

const SIZE_BUDGET_BYTES = 4096;
const THROUGHPUT_FLOOR = 0.9;
const REQUESTS_PER_ROUND = Number(process.env.BENCH_REQUESTS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = 8;

const root = findRepoRoot();
const vendors = discoverVendors(root).map((vendor) => ({
  ...vendor,
  entry: join(root, 'packages', vendor.slug, 'dist', 'index.js'),
}));
const missing = vendors.filter((vendor) => !existsSync(vendor.entry));
if (missing.length > 0) {
  console.error(
    `Not built: ${missing.map((v) => v.entry).join(', ')}. Run pnpm turbo run build --filter=${missing[0].clientPackage}...`,
  );
  process.exit(2);
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

// The server runs on its own thread so that its work does not count against the client under test.
const server = new Worker(
  `
  const { createServer } = require('node:http');
  const { parentPort } = require('node:worker_threads');
  const body = JSON.stringify({ object: 'list', data: [{ id: 'bench-model', object: 'model', created: 0, owned_by: 'bench' }] });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body));
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
  parentPort.on('message', () => server.close(() => process.exit(0)));
  `,
  { eval: true },
);
const port = await new Promise((resolve, reject) => {
  server.once('message', resolve);
  server.once('error', reject);
});
const baseUrl = `http://127.0.0.1:${port}/v1`;

async function throughput(call) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS_PER_ROUND) await call();
    }),
  );
  return REQUESTS_PER_ROUND / ((performance.now() - started) / 1000);
}

const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];

// Raw fetch does what a caller would do by hand: the URL, the auth header, and the JSON body.
const rawFetch = () =>
  fetch(`${baseUrl}/models`, { headers: { Authorization: 'Bearer bench-key' } }).then((r) => r.json());

console.log(
  `\nThroughput on loopback (${ROUNDS} interleaved rounds of ${REQUESTS_PER_ROUND} GET requests, ${CONCURRENCY} in flight, median); floor ${THROUGHPUT_FLOOR}x raw fetch`,
);
try {
  for (let warmup = 0; warmup < 2; warmup++) await throughput(rawFetch);
  for (const vendor of vendors) {
    const module = await import(pathToFileURL(vendor.entry).href);
    const factory = Object.entries(module).find(([name]) => /^create\w+Client$/.test(name))?.[1];
    const client = factory({ apiKey: 'bench-key', baseUrl });
    // Every vendor client sends the same request: the bench measures the client, not the spec.
    const viaClient = () =>
      client.request('get', '/models').then(({ data, error }) => {
        if (error !== undefined || data === undefined) throw new Error(`${vendor.slug}: the request failed`);
      });
    await throughput(viaClient);
    const raw = [];
    const wrapped = [];
    for (let round = 0; round < ROUNDS; round++) {
      raw.push(await throughput(rawFetch));
      wrapped.push(await throughput(viaClient));
    }
    const ratio = median(wrapped) / median(raw);
    const ok = ratio >= THROUGHPUT_FLOOR;
    failed ||= !ok;
    console.log(
      `  ${vendor.clientPackage.padEnd(24)} raw fetch ${median(raw).toFixed(0).padStart(6)} req/s  client ${median(wrapped).toFixed(0).padStart(6)} req/s  ${ratio.toFixed(2)}x  ${ok ? 'ok' : 'BELOW FLOOR'}`,
    );
  }
} finally {
  server.postMessage('stop');
  await new Promise((resolve) => server.once('exit', resolve));
}

process.exit(failed ? 1 : 0);
