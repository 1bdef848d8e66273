import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createVendorClient } from '../../src/index.js';
import { exampleFacts } from '../support.js';
import { type Loopback, listen } from './loopback.js';

// What `node --expose-gc` gives, for this file only: the flag set at run time applies to contexts made afterwards.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options?: { type: 'minor' }) => void;

// A server that sends the headers and the start of a body, then nothing more.
let stalling: Loopback;
beforeAll(async () => {
  stalling = await listen((_, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    response.write('{"data": [');
  });
});
afterAll(() => stalling.close());

// Collects garbage all along a test: nothing but the client keeps the per-attempt timeout alive.
let collecting: ReturnType<typeof setInterval> | undefined;
const collectEvery = (ms: number, collect: () => void) => {
  collecting = setInterval(collect, ms);
};
afterEach(() => clearInterval(collecting));

const client = (timeoutMs = 1000) =>
  createVendorClient(exampleFacts, { apiKey: 'k', baseUrl: stalling.origin, timeoutMs, maxRetries: 0 });
const outcome = (sent: Promise<unknown>) =>
  sent.then(
    () => 'resolved',
    (error: Error) => error.name,
  );

describe('the per-attempt timeout of a stalled body', () => {
  it('fires under forced garbage collection when the caller passes a signal', async () => {
    const controller = new AbortController();
    const sent = outcome(client().request('get', '/stall' as never, { signal: controller.signal } as never));
    collectEvery(50, gc);
    expect(await sent).toBe('TimeoutError');
  });

  it('fires under forced garbage collection without a caller signal', async () => {
    collectEvery(50, gc);
    expect(await outcome(client().request('get', '/stall' as never))).toBe('TimeoutError');
  });

  it('fires for every one of many concurrent requests with caller signals, garbage collected now and then', async () => {
    const count = 200;
    const shared = new AbortController();
    // The timeout is long enough for every request to reach the server on a busy machine; the young-generation
    // collections (quick, unlike full ones in a large test process) stand in for those a loaded process makes.
    collectEvery(20, () => gc({ type: 'minor' }));
    const results = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        outcome(
          client(10_000).request(
            'get',
            `/load/${i}` as never,
            { signal: i % 2 ? shared.signal : new AbortController().signal } as never,
          ),
        ),
      ),
    );
    // Counted by path: a request of an earlier test that timed out before the server read it (a loaded machine) may
    // still be recorded during this one.
    const reached = new Set(stalling.received.map((r) => r.url).filter((url) => url.startsWith('/load/')));
    expect(reached.size).toBe(count);
    expect(results.filter((result) => result !== 'TimeoutError')).toEqual([]);
  });
});
