// Measures the budgets of the clients and exits non-zero when one is missed:
// - size: a program that only lists models with each vendor's client, bundled (esbuild, minified) and gzipped; the
//   whole package entry is measured too, for information;
// - speed: requests per second of each vendor client against raw fetch carrying the same timeout signal, and against
//   the openai SDK making the same list call, side by side on one loopback node:http server.
// The vendor packages are discovered from specs/*. `--size-only` (the bench:size script) stops after the sizes;
// `--json` prints one JSON object (sizes, throughput, budgets, ok) instead of the text report.
import { execFileSync, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { discoverVendors, findRepoRoot } from '@modelspecs/spec-tools';
import { build } from 'esbuild';

const SIZE_BUDGET_BYTES = 5120;
const THROUGHPUT_FLOOR = 0.9;
const OPENAI_FLOOR = 1.2;
const asJson = process.argv.includes('--json');
const report = {
  budgets: { sizeBytes: SIZE_BUDGET_BYTES, rawFloor: THROUGHPUT_FLOOR, openaiFloor: OPENAI_FLOOR },
};
// With --json the text report goes to stderr, so that stdout holds the JSON alone.
const print = (line) => (asJson ? process.stderr : process.stdout).write(`${line}\n`);
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
  execFileSync(process.execPath, [tsc, '-p', join(packageDir, 'tsconfig.build.json')], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

let failed = false;

const gzipped = async (stdin) => {
  const result = await build({
    stdin: { contents: stdin, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return [code.length, gzipSync(code, { level: 9 }).length];
};

print(
  `Bundle size (esbuild --bundle --minify, ESM, then gzip level 9); budget ${SIZE_BUDGET_BYTES} B for a program that only lists models`,
);
report.size = {};
for (const vendor of vendors) {
  const entry = JSON.stringify(vendor.entry);
  const factory = Object.keys(await import(pathToFileURL(vendor.entry).href)).find((name) =>
    /^create\w+Client$/.test(name),
  );
  // The request is the same for every vendor: the bundle depends on which exports a program uses, not on the path.
  const [listMin, listGz] = await gzipped(
    `import { ${factory}, unwrap } from ${entry};\n` +
      `export const list = () => unwrap(${factory}().GET('/models'));\n`,
  );
  const [, entryGz] = await gzipped(`export * from ${entry};`);
  const ok = listGz <= SIZE_BUDGET_BYTES;
  failed ||= !ok;
  report.size[vendor.clientPackage] = {
    listOnlyMin: listMin,
    listOnlyGzip: listGz,
    wholeEntryGzip: entryGz,
    ok,
  };
  print(
    `  ${vendor.clientPackage.padEnd(24)} list only ${String(listMin).padStart(6)} B min  ${String(listGz).padStart(5)} B min+gz  ${ok ? 'ok' : 'OVER BUDGET'}   (whole entry ${entryGz} B min+gz)`,
  );
}

const finish = () => {
  report.ok = !failed;
  if (asJson) console.log(JSON.stringify(report, null, 2));
  process.exit(failed ? 1 : 0);
};
if (process.argv.includes('--size-only')) finish();

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

print(
  `\nThroughput on loopback: ${ROUNDS} rounds; in each, every variant measured in a fresh process (${process.env.BENCH_REQUESTS ?? 8000} GET ` +
    `requests after a warm-up, ${8} in flight); medians.\n` +
    '  wall: requests per wall-clock second. cpu: requests per CPU second of the measuring process (the server runs\n' +
    '  apart), which other work on a shared machine skews far less. raw+timeout is raw fetch with the 60 s\n' +
    '  AbortSignal.timeout the client also hands fetch: on Node 20 undici charges each request that carries a signal\n' +
    `  some 15-25 us of CPU, a cost of the platform that no fetch client with a timeout avoids. The floor ` +
    `(${THROUGHPUT_FLOOR}x) is checked on cpu like for like: each client against raw+timeout, and the first client\n` +
    '  with `timeoutMs: 0` (no signal) against raw fetch. Each client is also checked against the openai SDK (its 60 s\n' +
    `  timeout and 2 retries, as the clients' defaults) making the same list call: at least ${OPENAI_FLOOR}x on cpu.`,
);
try {
  const noTimeout = `${vendors[0].entry}#no-timeout`;
  const variants = ['raw', 'raw+timeout', 'openai', ...vendors.map((vendor) => vendor.entry), noTimeout];
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
  const figures = (variant) => ({
    wallPerSecond: Math.round(figure(variant, 'wallPerSecond')),
    cpuPerSecond: Math.round(figure(variant, 'cpuPerSecond')),
  });
  report.throughput = {
    raw: figures('raw'),
    rawTimeout: figures('raw+timeout'),
    openai: figures('openai'),
    clients: {},
  };
  print(line('raw fetch', 'raw'));
  print(line('raw fetch + timeout', 'raw+timeout'));
  print(line('openai SDK', 'openai'));
  for (const vendor of vendors) {
    const ratio = (baseline, key) => figure(vendor.entry, key) / figure(baseline, key);
    const vsRaw = ratio('raw+timeout', 'cpuPerSecond');
    const vsOpenai = ratio('openai', 'cpuPerSecond');
    const ok = vsRaw >= THROUGHPUT_FLOOR && vsOpenai >= OPENAI_FLOOR;
    failed ||= !ok;
    report.throughput.clients[vendor.clientPackage] = {
      ...figures(vendor.entry),
      cpuVsRawTimeout: +vsRaw.toFixed(3),
      cpuVsOpenai: +vsOpenai.toFixed(3),
      ok,
    };
    print(
      `${line(vendor.clientPackage, vendor.entry)}  vs raw: wall ${ratio('raw', 'wallPerSecond').toFixed(2)}x, cpu ${ratio('raw', 'cpuPerSecond').toFixed(2)}x` +
        `  vs raw+timeout: wall ${ratio('raw+timeout', 'wallPerSecond').toFixed(2)}x, cpu ${vsRaw.toFixed(2)}x` +
        `  vs openai: cpu ${vsOpenai.toFixed(2)}x  ${ok ? 'ok' : 'BELOW FLOOR'}`,
    );
  }
  const bare = figure(noTimeout, 'cpuPerSecond') / figure('raw', 'cpuPerSecond');
  const bareOk = bare >= THROUGHPUT_FLOOR;
  failed ||= !bareOk;
  report.throughput.noTimeout = { ...figures(noTimeout), cpuVsRaw: +bare.toFixed(3), ok: bareOk };
  print(
    `${line(`${vendors[0].clientPackage} timeoutMs 0`, noTimeout)}  vs raw: wall ${(figure(noTimeout, 'wallPerSecond') / figure('raw', 'wallPerSecond')).toFixed(2)}x, cpu ${bare.toFixed(2)}x  ${bareOk ? 'ok' : 'BELOW FLOOR'}`,
  );
} finally {
  server.send('stop');
  await new Promise((resolve) => server.once('exit', resolve));
}

finish();
