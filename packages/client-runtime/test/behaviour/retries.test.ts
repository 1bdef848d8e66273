import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createVendorClient } from '../../src/index.js';
import { type AcmePaths, exampleFacts, json, recorder } from '../support.js';

const KEY = 'acme-key-0123456789';

/** A failed connection, as fetch reports one. */
const refused = () =>
  new TypeError('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) });

/** When each request went out, in ms since the test began (the clock is the test's own). */
function timedRecorder(respond: (attempt: number) => Response) {
  const start = Date.now();
  const at: number[] = [];
  const rec = recorder((_, attempt) => {
    at.push(Date.now() - start);
    return respond(attempt);
  });
  return { ...rec, at };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

async function settle<T>(promise: Promise<T>, ms: number): Promise<T> {
  await vi.advanceTimersByTimeAsync(ms);
  return promise;
}

describe('retries wait before each new attempt', () => {
  it('backs off 500 ms, then 1000 ms, after connection errors (no jitter drawn)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { fetch, at } = timedRecorder((attempt) => {
      if (attempt < 3) throw refused();
      return json({ data: [] });
    });
    const client = createVendorClient<AcmePaths>(exampleFacts, { apiKey: KEY, fetch, timeoutMs: 0 });
    const result = await settle(client.GET('/models'), 5000);
    expect(result.data).toEqual({ data: [] });
    expect(at).toEqual([0, 500, 1500]);
  });

  it('takes up to a quarter off each wait as jitter', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.4);
    const { fetch, at } = timedRecorder((attempt) => (attempt < 3 ? json({}, 503) : json({ data: [] })));
    const client = createVendorClient<AcmePaths>(exampleFacts, { apiKey: KEY, fetch, timeoutMs: 0 });
    await settle(client.GET('/models'), 5000);
    expect(at).toEqual([0, 450, 1350]);
  });

  it('waits as long as Retry-After or retry-after-ms says', async () => {
    const answers = [
      json({}, 429, { 'retry-after': '2' }),
      json({}, 503, { 'retry-after-ms': '150' }),
      json({ data: [] }),
    ];
    const { fetch, at } = timedRecorder((attempt) => answers[attempt - 1]!);
    const client = createVendorClient<AcmePaths>(exampleFacts, { apiKey: KEY, fetch, timeoutMs: 0 });
    await settle(client.GET('/models'), 5000);
    expect(at).toEqual([0, 2000, 2150]);
  });

  it('gives back an answer that asks for a pause over a minute, without waiting', async () => {
    const { fetch, at } = timedRecorder(() =>
      json({ error: { message: 'later' } }, 429, { 'retry-after': '61' }),
    );
    const client = createVendorClient<AcmePaths>(exampleFacts, { apiKey: KEY, fetch, timeoutMs: 0 });
    const result = await settle(client.GET('/models'), 0);
    expect(result.response.status).toBe(429);
    expect(at).toEqual([0]);
  });
});

describe('which answers are retried', () => {
  const attempts = async (status: number, body: BodyInit | null = '{}') => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { fetch, requests } = recorder((_, attempt) =>
      attempt === 1 ? new Response(body, { status }) : json({ data: [] }),
    );
    const client = createVendorClient<AcmePaths>(exampleFacts, { apiKey: KEY, fetch, timeoutMs: 0 });
    const result = await settle(client.GET('/models'), 1000);
    return { count: requests.length, result };
  };

  it('retries 408, 409, 429 and every status from 500', async () => {
    for (const status of [408, 409, 429, 500, 503, 599]) {
      expect((await attempts(status)).count, String(status)).toBe(2);
    }
  });

  it('does not retry other client errors, 499 included', async () => {
    for (const status of [400, 401, 404, 410, 422, 499]) {
      const { count, result } = await attempts(status);
      expect(count, String(status)).toBe(1);
      expect(result.response.status).toBe(status);
    }
  });

  it('retries an answer that has no body', async () => {
    const { count, result } = await attempts(503, null);
    expect(count).toBe(2);
    expect(result.data).toEqual({ data: [] });
  });
});
