import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../src/fetch.js';
import {
  ApiError,
  type ClientOptions,
  createVendorClient,
  ResponseTooLargeError,
  unwrap,
} from '../../src/index.js';
import { exampleFacts } from '../support.js';
import { type Loopback, listen } from './loopback.js';

const MiB = 2 ** 20;
// What the server answers next: status, headers and body, the body written in 64 KiB chunks.
let answer: { status: number; headers?: Record<string, string>; body: string } = { status: 200, body: '' };
let server: Loopback;
beforeAll(async () => {
  server = await listen((_, response: ServerResponse) => {
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    for (let at = 0; at < answer.body.length; at += 65_536)
      response.write(answer.body.slice(at, at + 65_536));
    response.end();
  });
});
afterAll(() => server.close());

const call = (options: ClientOptions = {}): Promise<{ data?: unknown; error?: Error }> =>
  unwrap(
    createVendorClient(exampleFacts, {
      apiKey: 'k',
      baseUrl: server.origin,
      maxRetries: 0,
      ...options,
    }).request('get', '/models' as never),
  ).then(
    (data: unknown) => ({ data }),
    (error: Error) => ({ error }),
  );

/** A JSON error body of about `bytes` bytes. */
const errorOf = (bytes: number) => JSON.stringify({ error: { message: 'x'.repeat(bytes) } });
/** Sent with its length declared, or chunked without one. */
const framings = [
  ['with a content-length', (body: string) => ({ 'content-length': String(Buffer.byteLength(body)) })],
  ['chunked', () => ({})],
] as const;

describe('an error body nested 200 000 deep', () => {
  it('still gives an ApiError, not a RangeError', async () => {
    const body = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    answer = { status: 400, body };
    const { error } = await call();
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    let depth = 0;
    for (let level: unknown = (error as ApiError).body; Array.isArray(level); level = level[0]) depth++;
    expect(depth).toBe(200_000);
  });
});

describe.each(framings)('the error body cap, %s', (_, framing) => {
  it('reads an error body within 1 MiB into the ApiError', async () => {
    const body = errorOf(MiB - 100);
    answer = { status: 500, headers: framing(body), body };
    const { error } = await call();
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toHaveLength('GET /models: 500: '.length + MiB - 100);
  });

  it('fails with a ResponseTooLargeError past 1 MiB by default, never a cut body', async () => {
    const body = errorOf(MiB + 1);
    answer = { status: 500, headers: framing(body), body };
    const { error } = await call();
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({
      name: 'ResponseTooLargeError',
      status: 500,
      limit: MiB,
      message: `GET /models: Body of the 500 answer over ${MiB} bytes (maxErrorBodyBytes)`,
      operation: 'GET /models',
      attempts: 1,
    });
  });

  it('takes a smaller maxErrorBodyBytes', async () => {
    const body = errorOf(2000);
    answer = { status: 404, headers: framing(body), body };
    expect((await call({ maxErrorBodyBytes: 1000 })).error).toMatchObject({ status: 404, limit: 1000 });
  });
});

describe.each(framings)('the success body cap (maxBodyBytes), %s', (_, framing) => {
  const list = (count: number) =>
    JSON.stringify({ data: Array.from({ length: count }, (_, i) => ({ id: `m-${i}` })) });

  it('is off by default', async () => {
    const body = list(200_000);
    answer = { status: 200, headers: framing(body), body };
    expect(Buffer.byteLength(body)).toBeGreaterThan(2 * MiB);
    const { data } = (await call()) as { data: { data: unknown[] } };
    expect(data.data).toHaveLength(200_000);
  });

  it('lets a body within the cap through', async () => {
    const body = list(10);
    answer = { status: 200, headers: framing(body), body };
    expect(((await call({ maxBodyBytes: 1000 })) as { data: unknown }).data).toEqual(JSON.parse(body));
  });

  it('fails with a ResponseTooLargeError past the cap', async () => {
    const body = list(200_000);
    answer = { status: 200, headers: framing(body), body };
    const { error } = await call({ maxBodyBytes: MiB });
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ status: 200, limit: MiB });
  });

  it.each([-1, Number.NaN])('refuses a cap of %s, naming the option', (maxBodyBytes) => {
    expect(() => createVendorClient(exampleFacts, { apiKey: 'k', maxBodyBytes })).toThrow(
      `maxBodyBytes must be >= 0, not ${maxBodyBytes}`,
    );
  });
});

describe('Retry-After from a real answer', () => {
  const headersOf = async (value: string) => {
    answer = { status: 503, headers: { 'retry-after': value }, body: '' };
    return (await fetch(server.origin)).headers;
  };

  it.each(['0x3', '2e0', '1.5', '+3', '3s'])('%j is no delay in seconds', async (value) => {
    expect(retryAfterMs(await headersOf(value))).toBe(-1);
  });

  it.each([
    ['3', 3000],
    ['0', 0],
  ])('%j is %i ms', async (value, ms) => {
    expect(retryAfterMs(await headersOf(value))).toBe(ms);
  });

  it('reads an HTTP date', async () => {
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    const wait = retryAfterMs(await headersOf(inAMinute));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60_000);
  });
});
