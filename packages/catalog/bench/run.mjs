#!/usr/bin/env node
// Benchmark of the catalog (the package's `bench` script): time to build the catalog of every vendor from its
// Prism mock on loopback with listCatalog(), the first run (reading the specs) and warm runs (specs already read).
//   node bench/run.mjs [--runs 5]
import { parseArgs } from 'node:util';
import { MOCK_KEY, parsePort, startMocks } from '@modelspecs/mock';
import { listCatalog } from '../dist/index.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = parsePort('--runs', values.runs);
const round = (n) => n.toFixed(0);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const mocks = await startMocks({});
try {
  const clients = Object.fromEntries(
    mocks.mocks.map((m) => [m.slug, { baseUrl: m.baseUrl, apiKey: MOCK_KEY }]),
  );
  const once = async () => {
    const began = performance.now();
    const result = await listCatalog({ clients });
    const ms = performance.now() - began;
    if (result.partial)
      throw new Error(`partial catalog: ${JSON.stringify(result.vendors.filter((v) => !v.ok))}`);
    return { ms, rows: result.rows.length };
  };
  console.log(
    `modelspecs catalog benchmark: ${mocks.mocks.length} vendors from their mocks, Node ${process.version}, ${runs} warm runs`,
  );
  const first = await once();
  const warm = [];
  for (let run = 1; run <= runs; run++) warm.push((await once()).ms);
  warm.sort((a, b) => a - b);
  console.log(`\ncatalog of all ${mocks.mocks.length} vendors (${first.rows} models)`);
  console.log(`  first run, specs read (ms): ${round(first.ms)}`);
  console.log(
    `  warm (ms): min ${round(warm[0])}, median ${round(percentile(warm, 50))}, max ${round(warm.at(-1))}`,
  );
} finally {
  await mocks.stop();
}
