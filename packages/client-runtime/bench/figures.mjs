// The client bench's figures for the repository's `pnpm bench` (its `bench:figures` protocol): runs bench/run.mjs
// with --json (sizes only in smoke runs, BENCH_SMOKE=1) and writes each vendor client's list-only bundle size and,
// in full runs, its CPU throughput against raw fetch with a timeout, to the JSON file named by the first argument.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const out = process.argv[2];
if (!out) throw new Error('usage: node bench/figures.mjs <figures.json>');
const args = [fileURLToPath(new URL('./run.mjs', import.meta.url)), '--json'];
if (process.env.BENCH_SMOKE === '1') args.push('--size-only');
// run.mjs exits 1 when a figure misses its budget (its own check, `pnpm bench` in this package); the figures are
// reported either way, each with whether it met its budget, and a run that wrote no report is a failure.
const run = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (run.status !== 0 && run.status !== 1) {
  throw new Error(`bench/run.mjs exited ${run.status ?? run.signal}; no figures written to ${out}`);
}
const report = JSON.parse(run.stdout);
const method =
  'esbuild minified bundle of a program that only lists models, gzipped; loopback node:http server';
const figures = [];
for (const [name, size] of Object.entries(report.size ?? {})) {
  figures.push({
    id: `client-size:${name}`,
    label: `${name} list-only bundle (min+gz)`,
    value: size.listOnlyGzip,
    unit: 'B',
    note: size.ok
      ? `within the ${report.budgets.sizeBytes} B budget`
      : `OVER the ${report.budgets.sizeBytes} B budget`,
    method,
  });
}
for (const [name, speed] of Object.entries(report.throughput?.clients ?? {})) {
  figures.push({
    id: `client-cpu:${name}`,
    label: `${name} CPU throughput vs raw fetch + timeout`,
    value: speed.cpuVsRawTimeout,
    unit: 'x',
    note: speed.ok
      ? `at or above the ${report.budgets.rawFloor}x floor`
      : `BELOW the ${report.budgets.rawFloor}x floor (or ${report.budgets.openaiFloor}x the openai SDK)`,
    method,
  });
}
writeFileSync(out, `${JSON.stringify({ figures }, null, 2)}\n`);
