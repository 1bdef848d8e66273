import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVendorClient, UserAbortError } from '../src/index.js';
import { exampleFacts } from './support.js';

// A real HTTP server on loopback: the timeout must cut real connections, and fetch's own abort handling takes part.
// Timeouts are generous (TIMEOUT_MS) so that a busy machine still gets each request to the server in time.
const TIMEOUT_MS = 2_000;
let server: Server;
let baseUrl: string;
const hits = new Map<string, number>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url!, 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path.startsWith('/v1/slow/')) {
      setTimeout(
        () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
        50,
      );
    } else if (path.startsWith('/v1/stall-body')) {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"data": [');
    }
    // Anything else never answers.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Resolves once `condition` holds (checked every 5 ms, for 10 s at most). */
async function until(condition: () => boolean) {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 10_000) throw new Error('the server never saw the request');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const client = (options: Parameters<typeof createVendorClient>[1] = {}) =>
  createVendorClient(exampleFacts, { apiKey: 'k', baseUrl, ...options });

// Each test has a path of its own on the server, and most wait a whole timeout for nothing: they run at the same time
// (`describe.concurrent`), so the file takes about the longest test's time (two timeouts) instead of the sum of them.
describe.concurrent('timeouts', () => {
  it('gives up on a server that never answers with a TimeoutError', async () => {
    const started = performance.now();
    const sent = client({ timeoutMs: TIMEOUT_MS, maxRetries: 0 }).request('get', '/hang-once' as never);
    await expect(sent).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(hits.get('/v1/hang-once')).toBe(1);
  });

  it('gives each attempt its own timeout and retries a timed-out GET', async () => {
    const sent = client({ timeoutMs: TIMEOUT_MS, maxRetries: 1 }).request('get', '/hang-twice' as never);
    await expect(sent).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(hits.get('/v1/hang-twice')).toBe(2);
  });

  it('does not retry a timed-out POST', async () => {
    const sent = client({ timeoutMs: TIMEOUT_MS }).request(
      'post',
      '/hang-post' as never,
      { body: {} } as never,
    );
    await expect(sent).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(hits.get('/v1/hang-post')).toBe(1);
  });

  it('covers reading the body too', async () => {
    const sent = client({ timeoutMs: TIMEOUT_MS, maxRetries: 0 }).request('get', '/stall-body' as never);
    await expect(sent).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('lets an answer inside the time through', async () => {
    const { data } = await client({ timeoutMs: 5000 }).request('get', '/slow/ok' as never);
    expect(data).toEqual({ ok: true });
  });

  it("stops at the caller's signal, with its reason, without retrying", async () => {
    const controller = new AbortController();
    const sent = client().request('get', '/hang-abort' as never, { signal: controller.signal } as never);
    await until(() => hits.get('/v1/hang-abort') === 1);
    controller.abort(new Error('caller stopped'));
    await expect(sent).rejects.toThrow(UserAbortError);
    await expect(sent).rejects.toMatchObject({ cause: { message: 'caller stopped' } });
    expect(hits.get('/v1/hang-abort')).toBe(1);
  });

  it("still times out when the caller's signal never fires", async () => {
    const controller = new AbortController();
    const sent = client({ timeoutMs: TIMEOUT_MS, maxRetries: 0 }).request(
      'get',
      '/hang-both' as never,
      {
        signal: controller.signal,
      } as never,
    );
    await expect(sent).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('refuses an already aborted signal at once', async () => {
    const sent = client().request(
      'get',
      '/never' as never,
      { signal: AbortSignal.abort(new Error('early')) } as never,
    );
    await expect(sent).rejects.toThrow(UserAbortError);
    await expect(sent).rejects.toMatchObject({ cause: { message: 'early' } });
  });

  it("sends no signal with timeoutMs 0, and still honours the caller's signal", async () => {
    const signals: (AbortSignal | null | undefined)[] = [];
    const recording = (url: string, init: RequestInit) => {
      signals.push(init.signal);
      return fetch(url, init);
    };
    await client({ timeoutMs: 0, fetch: recording }).request('get', '/slow/none' as never);
    const controller = new AbortController();
    await client({ timeoutMs: 0, fetch: recording }).request(
      'get',
      '/slow/caller' as never,
      {
        signal: controller.signal,
      } as never,
    );
    expect(signals).toEqual([undefined, controller.signal]);
  });

  it('refuses a timeoutMs that is not a number of milliseconds, naming the option', () => {
    for (const bad of [-1, Number.NaN, '5s' as unknown as number]) {
      expect(() => client({ timeoutMs: bad })).toThrow(/^timeoutMs must be >= 0, not /);
    }
  });
});
