// Per-request cost of a list call on loopback: raw fetch (with and without the client's timeout signal), bare
// openapi-fetch, a vendor client, and the official openai SDK, each measured in a fresh process against the client
// package's small node:http loopback server running in another. CPU per request is the figure that survives a shared machine; wall time is
// reported beside it.
//   node scripts/bench/requests.mjs [--smoke]
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { figure, median, resolveFrom, root, vendorSlugs } from './lib.mjs';

const self = fileURLToPath(import.meta.url);
// The client package's loopback server: one small OpenAI-style model list, keep-alive, on a free port.
const loopbackServer = join(root, 'packages', 'client-runtime', 'bench', 'loopback-server.mjs');
const CONCURRENCY = 8;
const API_KEY = 'bench-key';

/** A package's default export, whether `require.resolve` found its CommonJS or its ES module build. */
const defaultExport = (module) => module.default?.default ?? module.default;

/** The call each variant makes, built from the packages' public entries. */
async function callFor(variant, baseUrl) {
  const headers = { Authorization: `Bearer ${API_KEY}` };
  const url = `${baseUrl}/models`;
  if (variant === 'raw') return () => fetch(url, { headers }).then((r) => r.json());
  if (variant === 'raw+timeout')
    return () => fetch(url, { headers, signal: AbortSignal.timeout(60_000) }).then((r) => r.json());
  if (variant === 'openapi-fetch') {
    const createClient = defaultExport(
      await import(pathToFileURL(resolveFrom('packages/client-runtime', 'openapi-fetch')).href),
    );
    const client = createClient({ baseUrl, headers });
    return () => client.GET('/models');
  }
  if (variant === 'openai') {
    const OpenAI = defaultExport(await import(pathToFileURL(resolveFrom('packages/mock', 'openai')).href));
    const client = new OpenAI({ apiKey: API_KEY, baseURL: baseUrl, maxRetries: 0 });
    return () => client.models.list();
  }
  // `client:<slug>` and `client:<slug>:no-timeout`: the vendor's generated client.
  const [, slug, mode] = variant.split(':');
  const module = await import(pathToFileURL(resolveFrom(join('packages', slug), `@modelspecs/${slug}`)).href);
  const factory = Object.entries(module).find(([name]) => /^create\w+Client$/.test(name))[1];
  const client = factory({ apiKey: API_KEY, baseUrl, ...(mode === 'no-timeout' ? { timeoutMs: 0 } : {}) });
  return () =>
    client.GET('/models').then(({ error }) => {
      if (error !== undefined) throw new Error(`${variant}: the request failed`);
    });
}

async function measure(variant, baseUrl, requests, warmup) {
  const call = await callFor(variant, baseUrl);
  const run = async (count) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < count) await call();
      }),
    );
  };
  await run(warmup);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run(requests);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  process.send({ wallUs: (wallMs * 1000) / requests, cpuUs: (cpu.user + cpu.system) / requests });
}

const once = (child, event) => new Promise((resolve) => child.once(event, resolve));

export async function measureRequests({ smoke = false } = {}) {
  const requests = smoke ? 300 : 5000;
  const warmup = smoke ? 100 : 1000;
  const rounds = smoke ? 1 : 5;
  const server = fork(loopbackServer);
  const port = await once(server, 'message');
  const baseUrl = `http://127.0.0.1:${port}/v1`;
  const slug = vendorSlugs()[0];
  const variants = [
    'raw',
    'raw+timeout',
    'openapi-fetch',
    `client:${slug}`,
    `client:${slug}:no-timeout`,
    'openai',
  ];
  const results = new Map(variants.map((v) => [v, []]));
  try {
    for (let round = 0; round < rounds; round++) {
      // Rotated so that no variant always runs first or last in a round.
      for (let i = 0; i < variants.length; i++) {
        const variant = variants[(round + i) % variants.length];
        const child = fork(self, ['measure', variant, baseUrl, String(requests), String(warmup)]);
        const [result] = await Promise.all([once(child, 'message'), once(child, 'exit')]);
        results.get(variant).push(result);
      }
    }
  } finally {
    server.send('stop');
    await once(server, 'exit');
  }
  const cpu = (v) => median(results.get(v).map((r) => r.cpuUs));
  const wall = (v) => median(results.get(v).map((r) => r.wallUs));
  const method = `${requests} GET /models per variant after ${warmup} warm-up, ${CONCURRENCY} in flight, each in a fresh process, median of ${rounds} rotated rounds; the server runs in its own process`;
  const command = 'node scripts/bench/requests.mjs';
  const labels = {
    raw: 'raw fetch',
    'raw+timeout': 'raw fetch + AbortSignal.timeout',
    'openapi-fetch': 'bare openapi-fetch',
    [`client:${slug}`]: `@modelspecs/${slug} client`,
    [`client:${slug}:no-timeout`]: `@modelspecs/${slug} client, timeoutMs 0`,
    openai: 'openai SDK (models.list)',
  };
  return variants.map((v) =>
    figure(`requests.${v.replace(/[:+]/g, '-')}.cpu`, `per request, ${labels[v]}`, cpu(v), 'us CPU', {
      note: `${(cpu(v) / cpu('raw')).toFixed(2)}x raw fetch CPU; wall ${wall(v).toFixed(0)} us/request`,
      method,
      command,
    }),
  );
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'measure') await measure(args[0], args[1], Number(args[2]), Number(args[3]));
else if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const f of await measureRequests({ smoke: mode === '--smoke' }))
    console.log(`${f.label.padEnd(48)} ${f.value.toFixed(1).padStart(8)} ${f.unit}  ${f.note}`);
}
