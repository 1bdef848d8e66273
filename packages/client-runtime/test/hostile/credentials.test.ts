import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createVendorClient, unwrap } from '../../src/index.js';
import { describeBadCredentials, shown, thrown } from '../suites/credentials.js';
import { exampleFacts } from '../support.js';
import { type Loopback, listen } from './loopback.js';

// Answers 401 with whatever the test put in `echo`, as a server that quotes the key back would.
let server: Loopback;
let echo: unknown = {};
beforeAll(async () => {
  server = await listen((_, response) => {
    response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify(echo));
  });
});
afterAll(() => server.close());

// The suite each vendor's facts pass in the per-vendor suite (test/vendor/credentials.test.ts), on the made-up vendor.
describeBadCredentials([{ name: 'acme', facts: exampleFacts }], () => server);

describe('a baseUrl with userinfo', () => {
  it.each(['http://user:hunter2-secret@127.0.0.1:9/v1', 'https://hunter2-secret@api.acme.test/v1'])(
    'is refused at construction without quoting it: %s',
    async (baseUrl) => {
      const error = await thrown(() => createVendorClient(exampleFacts, { apiKey: 'k', baseUrl }));
      expect(error).toBeInstanceOf(TypeError);
      expect(error!.message).toBe('baseUrl must not hold user:password@');
      expect(shown(error!)).not.toContain('hunter2');
    },
  );

  it('still takes an @ in the path', async () => {
    const client = createVendorClient(exampleFacts, { apiKey: 'k', baseUrl: `${server.origin}/v1/@team` });
    await client.request('get', '/models' as never);
    expect(server.received.at(-1)!.url).toBe('/v1/@team/models');
  });
});

describe('redaction of a key the server echoes', () => {
  async function apiError(apiKey: string, body: unknown) {
    echo = body;
    const client = createVendorClient(exampleFacts, { apiKey, baseUrl: server.origin, maxRetries: 0 });
    const error = await thrown(() => unwrap(client.request('get', '/models' as never)));
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }

  it.each([
    ['a double quote', 'sk-"quoted"-key'],
    ['a backslash', 'sk-back\\slash\\key'],
    ['both', 'sk-\\"mixed'],
  ])('finds a key with %s in the parsed body, not only in its JSON text', async (_, key) => {
    const error = await apiError(key, {
      error: { message: `Invalid key ${key}`, param: key, [key]: 'as a key' },
    });
    const everywhere = [
      shown(error),
      JSON.stringify({ ...error, body: error.body }),
      JSON.stringify(error.body),
    ];
    for (const text of everywhere) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(JSON.stringify(key).slice(1, -1));
    }
    expect(error.message).toBe('GET /models: 401: Invalid key [redacted]');
    expect(error.body).toEqual({
      error: { message: 'Invalid key [redacted]', param: '[redacted]', '[redacted]': 'as a key' },
    });
  });

  it('replaces a one-letter key only where it stands alone, leaving other words whole', async () => {
    const error = await apiError('a', {
      error: { message: 'invalid api key: a', param: 'a', type: 'auth_error' },
    });
    expect(error.message).toBe('GET /models: 401 auth_error: invalid api key: [redacted]');
    expect(error.body).toEqual({
      error: { message: 'invalid api key: [redacted]', param: '[redacted]', type: 'auth_error' },
    });
  });

  it('takes a key with regular expression characters literally', async () => {
    const error = await apiError('k.+*?(x)', { error: { message: 'bad k.+*?(x) and kaaa(x)' } });
    expect(error.message).toBe('GET /models: 401: bad [redacted] and kaaa(x)');
  });
});
