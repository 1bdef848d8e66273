// The client bench's figures for the repository's `pnpm bench` (its `bench:figures` protocol): runs bench/run.mjs
// with --json (sizes only in smoke runs, BENCH_SMOKE=1) and writes each vendor client's list-only bundle size and,
// in full runs, its CPU throughput against raw fetch with a timeout, to the JSON file named by the first argument.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const out = process.argv[2];
if (!out) throw new Error('usage: node bench/figures.mjs <figures.json>');
const args = [fileURLToPath(new URL('./run.mjs', import.meta.url)), '--json'];
if (process.env.BENCH_SMOKE === '1') args.push('--size-only');
const report = JSON.parse(
  execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
);
const method =
  'esbuild minified bundle of a program that only lists models, gzipped; loopback node:http server';
const figures = [];
for (const [name, size] of Object.entries(report.size ?? {})) {
  figures.push({
    id: `client-size:${name}`,
    label: `${name} list-only bundle (min+gz)`,
    value: size.listOnlyGzip,
    unit: 'B',
    method,
  });
}
for (const [name, speed] of Object.entries(report.throughput?.clients ?? {})) {
  figures.push({
    id: `client-cpu:${name}`,
    label: `${name} CPU throughput vs raw fetch + timeout`,
    value: speed.cpuVsRawTimeout,
    unit: 'x',
    method,
  });
}
writeFileSync(out, `${JSON.stringify({ figures }, null, 2)}\n`);
