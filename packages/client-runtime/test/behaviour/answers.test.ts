// What a call sends for its query and body, and what it hands back for each kind of answer, as openapi-fetch does.
import { describe, expect, it } from 'vitest';
import { createVendorClient } from '../../src/index.js';
import { exampleFacts, json, recorder } from '../support.js';

const KEY = 'acme-key-0123456789';

type Answer = { data?: unknown; error?: unknown; response: Response };
type Untyped = (method: string, path: string, init?: Record<string, unknown>) => Promise<Answer>;

/** A client whose fetch answers `respond`, called without the typed paths (the shapes here are the runtime's). */
function client(respond: (request: Request) => Response) {
  const { fetch, requests } = recorder(respond);
  const vendor = createVendorClient(exampleFacts, { apiKey: KEY, fetch, maxRetries: 0 });
  return { call: (vendor as unknown as { request: Untyped }).request, requests };
}

describe('the query', () => {
  it('sends an array as repeated names, an object as name[key], and leaves out null and undefined', async () => {
    const { call, requests } = client(() => json({}));
    await call('GET', '/models', {
      params: {
        query: {
          tag: ['a b', 'c'],
          filter: { kind: 'chat', size: 2 },
          none: null,
          gone: undefined,
          limit: 3,
        },
      },
    });
    expect(new URL(requests[0]!.url).search).toBe(
      '?tag=a%20b&tag=c&filter[kind]=chat&filter[size]=2&limit=3',
    );
  });

  it('sends no "?" when every value is left out', async () => {
    const { call, requests } = client(() => json({}));
    await call('GET', '/models', { params: { query: { none: null, list: [] } } });
    expect(requests[0]!.url).toBe('https://api.acme.test/v1/models');
  });
});

describe('the body', () => {
  it('sends JSON with its content type, unless the caller names another', async () => {
    const { call, requests } = client(() => json({ id: 'x' }, 201));
    await call('POST', '/models', { body: { name: 'n' } });
    await call('POST', '/models', {
      body: { name: 'm' },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    expect(requests.map((r) => r.headers.get('content-type'))).toEqual([
      'application/json',
      'application/merge-patch+json',
    ]);
    expect(await requests[0]!.text()).toBe('{"name":"n"}');
  });

  it('sends no content type without a body', async () => {
    const { call, requests } = client(() => json({}));
    await call('GET', '/models');
    expect(requests[0]!.headers.get('content-type')).toBeNull();
  });
});

describe('the answer', () => {
  const text = (body: string, status = 200, headers: Record<string, string> = {}) =>
    new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } });

  it('parses JSON by default, and gives undefined for an empty body', async () => {
    expect((await client(() => text('{"a":1}')).call('GET', '/models')).data).toEqual({ a: 1 });
    expect(await client(() => text('')).call('GET', '/models')).toMatchObject({ data: undefined });
  });

  it('reads the body as asked: text, arrayBuffer, blob, or the stream itself', async () => {
    const answer = () => text('{"a":1}');
    expect((await client(answer).call('GET', '/models', { parseAs: 'text' })).data).toBe('{"a":1}');
    const buffer = (await client(answer).call('GET', '/models', { parseAs: 'arrayBuffer' })).data;
    expect(new TextDecoder().decode(buffer as ArrayBuffer)).toBe('{"a":1}');
    const blob = (await client(answer).call('GET', '/models', { parseAs: 'blob' })).data as Blob;
    expect(await blob.text()).toBe('{"a":1}');
    const streamed = await client(answer).call('GET', '/models', { parseAs: 'stream' });
    expect(streamed.data).toBeInstanceOf(ReadableStream);
    expect(await new Response(streamed.data as ReadableStream).text()).toBe('{"a":1}');
  });

  it('gives no data for a 204, a HEAD or a Content-Length of 0, but reads a chunked body', async () => {
    for (const [method, response] of [
      ['GET', () => new Response(null, { status: 204 })],
      ['HEAD', () => text('')],
      ['GET', () => text('{"a":1}', 200, { 'content-length': '0' })],
    ] as const) {
      const answer = await client(response).call(method, '/models');
      expect(Object.keys(answer).sort(), method).toEqual(['data', 'response']);
      expect(answer.data).toBeUndefined();
    }
    const chunked = await client(() =>
      text('{"a":1}', 200, { 'content-length': '0', 'transfer-encoding': 'chunked' }),
    ).call('GET', '/models');
    expect(chunked.data).toEqual({ a: 1 });
  });

  it('gives an error answer as its JSON, or as text when it is not JSON, and an empty one as undefined', async () => {
    const parsed = await client(() => text('{"detail":"bad"}', 400)).call('GET', '/models');
    expect(Object.keys(parsed).sort()).toEqual(['error', 'response']);
    expect(parsed.error).toEqual({ detail: 'bad' });
    expect((await client(() => text('<h1>bad</h1>', 400)).call('GET', '/models')).error).toBe('<h1>bad</h1>');
    const empty = await client(
      () => new Response(null, { status: 404, headers: { 'content-length': '0' } }),
    ).call('GET', '/models');
    expect(Object.keys(empty).sort()).toEqual(['error', 'response']);
    expect(empty.error).toBeUndefined();
  });
});
