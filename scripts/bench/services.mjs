// What the running parts cost: our mock against a bare Prism process on the same spec (start-up and throughput),
// the mock CLI's peak memory with every vendor, a conformance run over every vendor (time and peak memory), and
// the rendered reference (render time and page weight).
//   node scripts/bench/services.mjs [--smoke]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { findFreePorts, startMocks } from '@modelspecs/mock';
import { figure, median, mib, peakRss, resolveFrom, root, vendorSlugs } from './lib.mjs';

const command = 'node scripts/bench/services.mjs';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const freePort = async () => (await findFreePorts('127.0.0.1', 1))[0];

/** Resolves once something answers HTTP at `url` (any status). */
async function answering(url, child, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer`);
      await sleep(50);
    }
  }
}

async function stopTree(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Requests per second of GET `url` for `durationMs`, `concurrency` in flight on keep-alive connections. */
async function throughput(url, headers, durationMs, concurrency) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const get = () =>
    new Promise((resolve, reject) => {
      const req = request(url, { agent, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', reject);
      req.end();
    });
  const statuses = new Map();
  const end = performance.now() + durationMs;
  let count = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const status = await get();
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        count++;
      }
    }),
  );
  agent.destroy();
  return {
    perSecond: count / (durationMs / 1000),
    statuses: [...statuses].map(([s, n]) => `${n}x${s}`).join(' '),
  };
}

async function mockAgainstPrism({ smoke }) {
  const slug = vendorSlugs()[0];
  const runs = smoke ? 1 : 3;
  const durationMs = smoke ? 1000 : 5000;
  const prismCli = resolveFrom('packages/mock', '@stoplight/prism-cli');
  const specFile = resolveFrom('packages/mock', `@modelspecs/spec-${slug}/openapi.json`);
  const wrapped = [];
  const bare = [];
  let wrappedRate;
  let bareRate;
  let search = '';
  let credentials = {};
  for (let run = 0; run < runs; run++) {
    let t0 = performance.now();
    const mocks = await startMocks({ vendors: slug, root });
    wrapped.push(performance.now() - t0);
    // The credentials the spec asks for, sent the same way to both.
    const { headers, query } = mocks.mocks[0].credentials;
    search = new URLSearchParams(query).toString();
    credentials = headers;
    if (run === 0)
      wrappedRate = await throughput(`${mocks.mocks[0].baseUrl}/models?${search}`, headers, durationMs, 16);
    await mocks.stop();

    const port = await freePort();
    t0 = performance.now();
    const prism = spawn(
      process.execPath,
      [prismCli, 'mock', specFile, '--port', String(port), '--host', '127.0.0.1', '--verboseLevel', 'warn'],
      { stdio: 'ignore', env: { ...process.env, DO_NOT_TRACK: '1', SCARF_ANALYTICS: 'false' } },
    );
    try {
      await answering(`http://127.0.0.1:${port}/`, prism);
      bare.push(performance.now() - t0);
      if (run === 0)
        bareRate = await throughput(`http://127.0.0.1:${port}/models?${search}`, credentials, durationMs, 16);
    } finally {
      await stopTree(prism);
    }
  }
  const startMethod = `time to the first HTTP answer, one ${slug} mock, median of ${runs}; bare = \`prism mock\` on @modelspecs/spec-${slug}/openapi.json`;
  const rateMethod = `GET /models with the spec's credentials for ${durationMs / 1000} s, 16 in flight, keep-alive`;
  return [
    figure('mock.start.wrapped', `mock start-up (startMocks, ${slug})`, median(wrapped), 'ms', {
      note: `${(median(wrapped) / median(bare)).toFixed(2)}x bare Prism`,
      method: startMethod,
      command,
    }),
    figure('mock.start.bare', `bare Prism start-up (${slug})`, median(bare), 'ms', {
      method: startMethod,
      command,
    }),
    figure('mock.rps.wrapped', `mock throughput (${slug})`, wrappedRate.perSecond, 'req/s', {
      note: `${(wrappedRate.perSecond / bareRate.perSecond).toFixed(2)}x bare Prism; answers ${wrappedRate.statuses}`,
      method: rateMethod,
      command,
    }),
    figure('mock.rps.bare', `bare Prism throughput (${slug})`, bareRate.perSecond, 'req/s', {
      note: `answers ${bareRate.statuses}`,
      method: rateMethod,
      command,
    }),
  ];
}

async function mockCliMemory() {
  const slugs = vendorSlugs();
  const offsets = slugs.map(
    (s) => JSON.parse(readFileSync(join(root, 'specs', s, 'package.json'), 'utf8')).modelspecs.mockPort,
  );
  const lowest = Math.min(...offsets);
  const base = (await freePort()) + 100;
  const cli = spawn(
    process.execPath,
    [resolveFrom('packages/mock', './bin/modelspecs-mock.js'), '--port-base', String(base)],
    {
      stdio: 'ignore',
    },
  );
  const stop = peakRss(cli.pid);
  try {
    await Promise.all(offsets.map((p) => answering(`http://127.0.0.1:${base + p - lowest}/`, cli)));
    await sleep(2000);
  } finally {
    await stopTree(cli);
  }
  const peak = stop();
  return figure(
    'memory.mock-cli',
    `peak memory, modelspecs-mock with ${slugs.length} mocks`,
    mib(peak),
    'MiB',
    {
      method:
        'resident memory of the CLI and its Prism process (one serves every mock) summed, sampled every 200 ms until all answer + 2 s',
      command,
    },
  );
}

async function conformanceRun() {
  const bin = join(root, 'packages', 'conformance', 'bin', 'modelspecs-conformance.js');
  const t0 = performance.now();
  const run = spawn(process.execPath, [bin], { stdio: 'ignore' });
  const stop = peakRss(run.pid);
  const code = await new Promise((r) => run.once('exit', r));
  const seconds = (performance.now() - t0) / 1000;
  const peak = stop();
  const slugs = vendorSlugs();
  const method = `\`modelspecs-conformance\` with no flags: starts every vendor's mock, checks it, stops it (exit ${code})`;
  return [
    figure('conformance.time', `conformance, all ${slugs.length} vendors`, seconds, 's', { method, command }),
    figure(
      'memory.conformance',
      `peak memory, conformance run of ${slugs.length} vendors`,
      mib(peak),
      'MiB',
      {
        method: `${method}; resident memory of the tree summed, sampled every 200 ms`,
        command,
      },
    ),
  ];
}

async function docsRender() {
  const { buildSite } = await import('@modelspecs/docs');
  const outDir = mkdtempSync(join(tmpdir(), 'modelspecs-bench-docs-'));
  try {
    const t0 = performance.now();
    const site = await buildSite({ root, outDir });
    const seconds = (performance.now() - t0) / 1000;
    const pages = ['index.html', ...site.vendors.map((v) => `${v.slug}/index.html`)].map((page) => {
      const html = readFileSync(join(outDir, page));
      return { page, raw: html.length, gzip: gzipSync(html).length };
    });
    const heaviest = pages.reduce((a, b) => (a.raw >= b.raw ? a : b));
    const method = 'buildSite() of @modelspecs/docs into a temporary folder (every reference and the portal)';
    return [
      figure('docs.render', `docs render, ${site.vendors.length} references + portal`, seconds, 's', {
        method,
        command,
      }),
      figure('docs.page.max', `heaviest page (${heaviest.page})`, heaviest.raw / 1024, 'KiB', {
        note: `${(heaviest.gzip / 1024).toFixed(0)} KiB gzipped; pages: ${pages.map((p) => `${p.page} ${(p.raw / 1024).toFixed(0)}/${(p.gzip / 1024).toFixed(0)} KiB`).join(', ')}`,
        method: 'size of the rendered HTML (self-contained: scripts inlined), raw and gzip -6',
        command,
      }),
    ];
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function measureServices({ smoke = false } = {}) {
  return [
    ...(await mockAgainstPrism({ smoke })),
    await mockCliMemory(),
    ...(await conformanceRun()),
    ...(await docsRender()),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const f of await measureServices({ smoke: process.argv.includes('--smoke') }))
    console.log(`${f.label.padEnd(52)} ${f.value.toFixed(1).padStart(8)} ${f.unit}  ${f.note ?? ''}`);
}
