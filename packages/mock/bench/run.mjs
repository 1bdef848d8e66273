#!/usr/bin/env node
// Benchmark of the mocks (the package's `bench` script): time from startMocks() to every mock answering, then
// requests per second of each mock on loopback, one mock at a time.
//   node bench/run.mjs [--runs 3] [--duration 5] [--concurrency 16] [--warmup 1]
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import {
  bundleSpec,
  discoverVendors,
  exampleRequest,
  fillPath,
  findRepoRoot,
  listOperations,
} from '@modelspecs/spec-tools';
import { formatColumns, parsePort, startMocks } from '../dist/index.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    duration: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '16' },
    warmup: { type: 'string', default: '1' },
  },
});
// parsePort's strict positive-integer check fits these counts too.
const runs = parsePort('--runs', values.runs);
const durationMs = parsePort('--duration', values.duration) * 1000;
const concurrency = parsePort('--concurrency', values.concurrency);
const warmupMs = parsePort('--warmup', values.warmup) * 1000;

const root = findRepoRoot();
const vendors = discoverVendors(root);
const round = (n, digits = 0) => n.toFixed(digits);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

console.log(
  `modelspecs mock benchmark: ${vendors.length} vendors, Node ${process.version}, ${runs} start-up runs`,
);

const startTimes = [];
for (let run = 1; run <= runs; run++) {
  const began = performance.now();
  const mocks = await startMocks({ root });
  startTimes.push(performance.now() - began);
  await mocks.stop();
}
startTimes.sort((a, b) => a - b);
console.log(
  `\nstart to all ${vendors.length} ready (ms): min ${round(startTimes[0])}, median ${round(percentile(startTimes, 50))}, max ${round(startTimes.at(-1))}`,
);

/** The first GET operation of a vendor's spec, as the request a client would send. */
async function probeRequest(vendor) {
  const doc = await bundleSpec(vendor.specFile, root);
  const entry = listOperations(doc).find((op) => op.method === 'get');
  const example = exampleRequest(doc, entry);
  const query = new URLSearchParams(Object.entries(example.query).map(([k, v]) => [k, String(v)])).toString();
  return {
    label: `GET ${entry.path}`,
    path: `${fillPath(example.path, example.pathParams)}${query ? `?${query}` : ''}`,
    headers: example.headers,
  };
}

function send(agent, url, headers) {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
}

/** `concurrency` loops sending one request after another for `durationMs`; every answer must be a 2xx. */
async function load(mock, probe, durationMs) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = `${mock.baseUrl}${probe.path}`;
  const headers = { ...probe.headers, ...mock.credentials.headers };
  const latencies = [];
  let failures = 0;
  const began = performance.now();
  const deadline = began + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        const status = await send(agent, url, headers);
        latencies.push(performance.now() - sent);
        if (status < 200 || status > 299) failures++;
      }
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, perSecond: latencies.length / elapsed, latencies, failures };
}

const mocks = await startMocks({ root });
try {
  const rows = [];
  for (const mock of mocks.mocks) {
    const probe = await probeRequest(vendors.find((v) => v.slug === mock.slug));
    // Prism's first requests run cold code; the warm-up's numbers are discarded.
    await load(mock, probe, warmupMs);
    const result = await load(mock, probe, durationMs);
    rows.push([
      mock.slug,
      probe.label,
      String(result.requests),
      round(result.perSecond),
      round(percentile(result.latencies, 50), 1),
      round(percentile(result.latencies, 99), 1),
      String(result.failures),
    ]);
  }
  console.log(
    `\nthroughput on loopback, ${concurrency} concurrent keep-alive connections, ${durationMs / 1000} s per mock after ${warmupMs / 1000} s of warm-up:\n`,
  );
  console.log(formatColumns(['vendor', 'request', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx'], rows));
  if (rows.some((row) => row[6] !== '0')) process.exitCode = 1;
} finally {
  await mocks.stop();
}
