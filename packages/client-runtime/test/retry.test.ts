// Each vendor's operations are retried by the per-vendor suite (test/vendor/retry.test.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ClientOptions, ConnectionError, createVendorClient, UserAbortError } from '../src/index.js';
import { exampleFacts, json, recorder } from './support.js';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

type Answer = number | Error | (() => Response);

/** Sends one request through a client whose fetch answers `answer`; returns when (fake ms) each attempt was sent. */
async function attemptTimes(method: string, answer: Answer, options: ClientOptions = {}) {
  const times: number[] = [];
  const { fetch } = recorder(() => {
    times.push(Date.now());
    if (answer instanceof Error) throw answer;
    return typeof answer === 'number' ? json({ error: { message: 'nope' } }, answer) : answer();
  });
  const client = createVendorClient(exampleFacts, { apiKey: 'k', fetch, ...options });
  const start = Date.now();
  const sent = client
    .request(
      method.toLowerCase() as 'get',
      '/models/{model_id}' as never,
      {
        params: { path: { model_id: 'm' } },
        ...(method === 'POST' || method === 'PUT' || method === 'PATCH' ? { body: { name: 'x' } } : {}),
      } as never,
    )
    .then(
      ({ response }) => response.status,
      (error: unknown) => error,
    );
  await vi.runAllTimersAsync();
  return { result: await sent, times: times.map((time) => time - start) };
}

const IDEMPOTENT = ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'];
const NOT_IDEMPOTENT = ['POST', 'PATCH'];
const RETRYABLE = [408, 409, 429, 500, 502, 503, 504];
const FINAL = [400, 401, 403, 404, 410, 422];

describe('which requests are retried', () => {
  describe.each(IDEMPOTENT)('%s', (method) => {
    it.each(RETRYABLE)('retries %i twice by default', async (status) => {
      const { result, times } = await attemptTimes(method, status);
      expect(times).toHaveLength(3);
      expect(result).toBe(status);
    });
    it.each(FINAL)('does not retry %i', async (status) => {
      expect((await attemptTimes(method, status)).times).toHaveLength(1);
    });
    it('retries a connection error twice, then throws it', async () => {
      const failure = new TypeError('fetch failed');
      const { result, times } = await attemptTimes(method, failure);
      expect(times).toHaveLength(3);
      expect(result).toBeInstanceOf(ConnectionError);
      expect(result).toMatchObject({ attempts: 3, cause: failure });
    });
  });

  describe.each(NOT_IDEMPOTENT)('%s', (method) => {
    it.each(RETRYABLE)('sends %i once by default', async (status) => {
      expect((await attemptTimes(method, status)).times).toHaveLength(1);
    });
    it('does not retry a connection error by default', async () => {
      expect((await attemptTimes(method, new TypeError('fetch failed'))).times).toHaveLength(1);
    });
    it.each(RETRYABLE)('retries %i when retryNonIdempotent is set', async (status) => {
      expect((await attemptTimes(method, status, { retryNonIdempotent: true })).times).toHaveLength(3);
    });
  });

  it.each([0, 1, 5])('makes maxRetries + 1 attempts at most (maxRetries %i)', async (maxRetries) => {
    expect((await attemptTimes('GET', 503, { maxRetries })).times).toHaveLength(maxRetries + 1);
  });

  it('stops at the first answer that is not retryable', async () => {
    const answers = [503, 429, 200];
    let attempt = 0;
    const { result, times } = await attemptTimes('GET', () => json({ id: 'm' }, answers[attempt++]), {
      maxRetries: 5,
    });
    expect(times).toHaveLength(3);
    expect(result).toBe(200);
  });
});

describe('backoff', () => {
  const gaps = (times: number[]) => times.slice(1).map((time, i) => time - times[i]!);

  it('waits 0.5 s doubling to 8 s at most when jitter is smallest', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { times } = await attemptTimes('GET', 500, { maxRetries: 6 });
    expect(gaps(times)).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
  });

  it('takes off at most a quarter as jitter', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999999);
    const { times } = await attemptTimes('GET', 500, { maxRetries: 6 });
    const full = [500, 1000, 2000, 4000, 8000, 8000];
    gaps(times).forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(full[i]! * 0.75);
      expect(gap).toBeLessThan(full[i]! * 0.76);
    });
  });

  it('stays within its bounds with real randomness', async () => {
    const { times } = await attemptTimes('GET', 500, { maxRetries: 6 });
    const full = [500, 1000, 2000, 4000, 8000, 8000];
    gaps(times).forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(full[i]! * 0.75);
      expect(gap).toBeLessThanOrEqual(full[i]!);
    });
  });
});

describe('Retry-After', () => {
  const answer =
    (headers: Record<string, string>, status = 429) =>
    () =>
      json({}, status, headers);

  it.each([
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after-ms': '250' }, 250],
    [{ 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    [{ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, 5000],
    [{ 'retry-after': '60' }, 60_000],
  ])('waits as %j says (%i ms)', async (headers, wait) => {
    const { times } = await attemptTimes('GET', answer(headers), { maxRetries: 1 });
    expect(times).toEqual([0, wait]);
  });

  it.each([
    [{ 'retry-after': '61' }],
    [{ 'retry-after-ms': '90000' }],
    [{ 'retry-after': 'Thu, 01 Jan 2026 00:05:00 GMT' }],
  ])('returns the answer instead of waiting longer than 60 s (%j)', async (headers) => {
    const { result, times } = await attemptTimes('GET', answer(headers));
    expect(times).toEqual([0]);
    expect(result).toBe(429);
  });

  it.each([
    [{ 'retry-after': 'soon' }],
    [{ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }],
    // Only digits are seconds: not a hexadecimal, an exponent or a fraction.
    [{ 'retry-after': '0x3' }],
    [{ 'retry-after': '2e0' }],
    [{ 'retry-after': '1.5' }],
    [{ 'retry-after-ms': '0x3' }],
  ])('falls back to backoff when %j gives no usable wait', async (headers) => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { times } = await attemptTimes('GET', answer(headers, 503), { maxRetries: 1 });
    expect(times).toEqual([0, 500]);
  });
});

describe("the caller's signal", () => {
  it('stops a retry that is waiting, with the reason given', async () => {
    const { fetch, requests } = recorder(() => json({}, 503));
    const controller = new AbortController();
    const reason = new Error('user gave up');
    const client = createVendorClient(exampleFacts, { apiKey: 'k', fetch });
    const sent = client.request('get', '/models' as never, { signal: controller.signal } as never);
    await vi.advanceTimersByTimeAsync(100);
    expect(requests).toHaveLength(1);
    controller.abort(reason);
    await expect(sent).rejects.toThrow(UserAbortError);
    await expect(sent).rejects.toMatchObject({ attempts: 1, operation: 'GET /models', cause: reason });
    await vi.runAllTimersAsync();
    expect(requests).toHaveLength(1);
  });

  it('is not retried when it aborts the request itself', async () => {
    const controller = new AbortController();
    const { fetch, requests } = recorder((request) => {
      controller.abort(new Error('cancelled'));
      throw request.signal.reason;
    });
    const client = createVendorClient(exampleFacts, { apiKey: 'k', fetch });
    const sent = client.request('get', '/models' as never, { signal: controller.signal } as never);
    await expect(sent).rejects.toThrow(UserAbortError);
    await expect(sent).rejects.toMatchObject({ cause: { message: 'cancelled' } });
    expect(requests).toHaveLength(1);
  });
});

describe('bad retry settings', () => {
  it.each([Number.NaN, -1])('makes one attempt when maxRetries is %s', async (maxRetries) => {
    expect((await attemptTimes('GET', 503, { maxRetries })).times).toHaveLength(1);
  });
});
