import { getEventListeners } from 'node:events';
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  ConnectionError,
  CredentialError,
  createVendorClient,
  ModelspecsError,
  TimeoutError,
  UserAbortError,
  unwrap,
} from '../src/index.js';
import { type Loopback, listen } from './hostile/loopback.js';
import { type AcmePaths, exampleFacts } from './support.js';

// Every failure class, produced by real servers on loopback, never holding the credential.
const KEY = 'sk-failure-key-93ab71';

/** Everything an error shows of itself: it must not hold the key. */
const shown = (error: Error) => [
  error.message,
  error.stack ?? '',
  String(error.cause),
  (error.cause as Error | undefined)?.stack ?? '',
  JSON.stringify(error),
  JSON.stringify(error.cause ?? null),
  inspect(error, { depth: 10 }),
];

const failed = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('the call succeeded'),
    (error: unknown) => error as ModelspecsError,
  );

let server: Loopback;
let refusedPort: number;

beforeAll(async () => {
  server = await listen((request, response) => {
    if (request.url.includes('hang')) return; // never answers
    response.writeHead(500, { 'content-type': 'application/json', 'x-request-id': `req-${KEY}` });
    response.end(JSON.stringify({ error: { message: `boom for ${KEY}`, code: 'internal' } }));
  });
  // A port that was free a moment ago and has nothing listening now: connecting is refused.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  refusedPort = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(() => server.close());

const client = (baseUrl: string, options: Parameters<typeof createVendorClient>[1] = {}) =>
  createVendorClient<AcmePaths>(exampleFacts, { apiKey: KEY, baseUrl, maxRetries: 0, ...options });

describe('typed failures from real servers', () => {
  it('a refused port is a ConnectionError, after every attempt', async () => {
    const error = await failed(
      client(`http://127.0.0.1:${refusedPort}/v1`, { maxRetries: 1 }).GET('/models'),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toBeInstanceOf(ModelspecsError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect([error.operation, error.attempts, error.name]).toEqual(['GET /models', 2, 'ConnectionError']);
    expect(error.cause).toBeInstanceOf(TypeError);
    for (const text of shown(error)) expect(text).not.toContain(KEY);
  });

  it('a server that never answers is a TimeoutError with the timeout that elapsed', async () => {
    const error = await failed(
      client(`${server.origin}/v1`, { timeoutMs: 1500 }).GET('/models/{model_id}', {
        params: { path: { model_id: 'hang' } },
      }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as TimeoutError).timeoutMs).toBe(1500);
    expect([error.operation, error.attempts]).toEqual(['GET /models/{model_id}', 1]);
    for (const text of shown(error)) expect(text).not.toContain(KEY);
  });

  it('a 500 is an ApiError from unwrap, its echo of the key redacted', async () => {
    const error = (await failed(unwrap(client(`${server.origin}/v1`).GET('/models')))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.code, error.operation, error.attempts]).toEqual([
      500,
      'internal',
      'GET /models',
      1,
    ]);
    expect(error.requestId).toBe('req-[redacted]');
    expect(error.message).toBe('GET /models: 500 internal: boom for [redacted]');
    for (const text of shown(error)) expect(text).not.toContain(KEY);
  });

  it("the caller's abort is a UserAbortError whose cause is the reason", async () => {
    const controller = new AbortController();
    const pending = failed(
      client(`${server.origin}/v1`).GET('/models/{model_id}', {
        params: { path: { model_id: 'hang-abort' } },
        signal: controller.signal,
      }),
    );
    for (let waited = 0; !server.received.some((r) => r.url.endsWith('hang-abort')); waited += 5) {
      if (waited > 10_000) throw new Error('the server never saw the request');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const reason = new Error('stop now');
    controller.abort(reason);
    const error = await pending;
    expect(error).toBeInstanceOf(UserAbortError);
    expect(error.cause).toBe(reason);
    expect([error.operation, error.attempts]).toEqual(['GET /models/{model_id}', 1]);
    for (const text of shown(error)) expect(text).not.toContain(KEY);
  });

  it("removes its abort listener from the caller's signal after each retry wait", async () => {
    let count = 0;
    const flaky = await listen((_, response) => {
      count++;
      response.writeHead(count < 3 ? 503 : 200, {
        'content-type': 'application/json',
        'retry-after-ms': '1',
      });
      response.end('{"data":[]}');
    });
    try {
      const { signal } = new AbortController();
      const { response } = await client(`${flaky.origin}/v1`, { maxRetries: 2 }).GET('/models', { signal });
      expect([response.status, count]).toEqual([200, 3]);
      expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    } finally {
      await flaky.close();
    }
  });
});

describe('credential providers', () => {
  let tokens: Loopback;
  beforeAll(async () => {
    let count = 0;
    tokens = await listen((request, response) => {
      count++;
      // The first request of the /flaky path fails once, so that the retry shows a fresh token.
      const fail = request.url.endsWith('/flaky') && count % 2 === 1;
      response.writeHead(fail ? 503 : 200, { 'content-type': 'application/json', 'retry-after-ms': '1' });
      response.end('{"data":[]}');
    });
  });
  afterAll(() => tokens.close());

  it('calls the provider for every attempt, and the server sees each new token', async () => {
    let n = 0;
    const c = createVendorClient<AcmePaths>(exampleFacts, {
      apiKey: async () => `token-${++n}`,
      baseUrl: `${tokens.origin}/v1`,
    });
    await unwrap(c.GET('/models'));
    await unwrap(c.GET('/models'));
    await unwrap(c.request('get', '/flaky' as never));
    expect(tokens.received.map((r) => r.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
      'Bearer token-3',
      'Bearer token-4',
    ]);
  });

  it.each([
    [
      'rejects',
      () => Promise.reject(new Error('token service down')),
      'apiKey (or ACME_API_KEY) failed; nothing was sent',
    ],
    ['gives an empty string', () => '  ', 'apiKey (or ACME_API_KEY) gave no credential; nothing was sent'],
    [
      'gives no string',
      () => undefined as unknown as string,
      'apiKey (or ACME_API_KEY) gave no credential; nothing was sent',
    ],
    [
      'gives a line break',
      () => 'a\nb',
      'apiKey (or ACME_API_KEY) gave a credential no HTTP header can carry; nothing was sent',
    ],
  ])('a provider that %s is a CredentialError and nothing is sent', async (_, provider, message) => {
    const before = tokens.received.length;
    const c = createVendorClient<AcmePaths>(exampleFacts, {
      apiKey: provider,
      baseUrl: `${tokens.origin}/v1`,
    });
    const error = await failed(c.GET('/models'));
    expect(error).toBeInstanceOf(CredentialError);
    expect(error.message).toBe(`GET /models: ${message}`);
    expect(error.attempts).toBe(0);
    expect(tokens.received.length).toBe(before);
  });

  it('refreshes each scheme of a pair on its own', async () => {
    const before = tokens.received.length;
    let n = 0;
    const c = createVendorClient<AcmePaths>(exampleFacts, {
      credentials: { header: 'fixed-header', session: () => `session-${++n}` },
      baseUrl: `${tokens.origin}/v1`,
    });
    await unwrap(c.GET('/models'));
    await unwrap(c.GET('/models'));
    const sent = tokens.received
      .slice(before)
      .map((r) => [r.headers['x-acme-key'], r.headers['x-acme-session']]);
    expect(sent).toEqual([
      ['fixed-header', 'session-1'],
      ['fixed-header', 'session-2'],
    ]);
  });
});
