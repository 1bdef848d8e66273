#!/usr/bin/env node
// Fresh-clone `turbo run build` and `turbo run test`, without a cache and then with a warm remote cache (a real
// turborepo-remote-cache on loopback). BENCH_FILTER (a turbo --filter) narrows the test run, which on every
// package takes minutes; the build is always the whole workspace.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  cacheReport,
  freshClone,
  headCommit,
  loadCacheServer,
  newToken,
  scratch,
  turbo,
  turboEnv,
} from '../../../scripts/remote-cache/clones.mjs';

const filter = process.env.BENCH_FILTER?.trim();
const testArgs = ['test', '--continue', ...(filter ? [`--filter=${filter}`] : [])];
const work = scratch('remote-cache-bench');
const token = newToken();
const startCacheServer = await loadCacheServer();
const commit = headCommit();
const server = await startCacheServer({
  env: { TURBO_TOKEN: token, STORAGE_PATH: join(work, 'storage'), PORT: '0' },
});

const rows = [];
const measure = (label, clone, args, env) => {
  const result = turbo(clone.dir, args, env);
  const report = cacheReport(result.tasks);
  rows.push([
    label,
    `turbo run ${args.join(' ')}`,
    result.seconds.toFixed(1),
    `${report.hits}/${report.total}`,
  ]);
};
try {
  for (const [label, name] of [
    ['no cache', 'cold'],
    ['warm remote cache', 'warm'],
  ]) {
    const clone = freshClone(join(work, name), commit);
    rows.push([label, 'git clone + pnpm install --offline', clone.seconds.toFixed(1), '']);
    const env = turboEnv(clone.dir, { url: server.url, token });
    measure(label, clone, ['build'], env);
    measure(label, clone, testArgs, env);
  }
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}

const header = ['fresh clone', 'step', 'seconds', 'cached'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
console.log(`Fresh clone of HEAD, each with an empty local cache; the remote cache on loopback.\n`);
console.log(line(header));
for (const row of rows) console.log(line(row));
