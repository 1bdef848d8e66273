// One throughput measurement of bench/run.mjs, in a fresh process so that no earlier measurement's garbage or
// timers weigh on it: `node throughput.mjs <base URL> raw|raw+timeout|openai|<vendor package entry>[#no-timeout]`.
// Prints JSON.
import { pathToFileURL } from 'node:url';

const [baseUrl, variant] = process.argv.slice(2);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 8000);
const CONCURRENCY = 8;
const headers = { Authorization: 'Bearer bench-key' };

async function clientCall() {
  // `<entry>#no-timeout` measures the client with `timeoutMs: 0`, which hands fetch no signal.
  const [entry, mode] = variant.split('#');
  const module = await import(pathToFileURL(entry).href);
  const factory = Object.entries(module).find(([name]) => /^create\w+Client$/.test(name))?.[1];
  const client = factory({
    apiKey: 'bench-key',
    baseUrl,
    ...(mode === 'no-timeout' ? { timeoutMs: 0 } : {}),
  });
  // Every vendor client sends the same request: the bench measures the client, not the spec.
  return () =>
    client.request('get', '/models').then(({ data, error }) => {
      if (error !== undefined || data === undefined) throw new Error(`${variant}: the request failed`);
    });
}

// Raw fetch does by hand what the client does: the URL, the auth header, and the JSON body; `raw+timeout` also
// hands fetch a 60 s AbortSignal.timeout, as the client does for its timeout.
async function openaiCall() {
  const { default: OpenAI } = await import('openai');
  // The SDK's defaults, spelt out: a 60 s timeout and 2 retries, as the clients'.
  const client = new OpenAI({ apiKey: 'bench-key', baseURL: baseUrl, timeout: 60_000, maxRetries: 2 });
  return () =>
    client.models.list().then((page) => {
      if (page.data.length !== 1) throw new Error('openai: the request failed');
    });
}

const call =
  variant === 'openai'
    ? await openaiCall()
    : variant === 'raw'
      ? () => fetch(`${baseUrl}/models`, { headers }).then((r) => r.json())
      : variant === 'raw+timeout'
        ? () =>
            fetch(`${baseUrl}/models`, { headers, signal: AbortSignal.timeout(60_000) }).then((r) => r.json())
        : await clientCall();

async function run(count) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < count) await call();
    }),
  );
}

await run(WARMUP);
const cpu = process.cpuUsage();
const started = performance.now();
await run(REQUESTS);
const wallMs = performance.now() - started;
const used = process.cpuUsage(cpu);
console.log(
  JSON.stringify({
    wallPerSecond: (REQUESTS / wallMs) * 1000,
    cpuPerSecond: (REQUESTS / ((used.user + used.system) / 1000)) * 1000,
  }),
);
