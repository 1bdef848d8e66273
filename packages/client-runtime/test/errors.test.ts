// Each vendor's documented error bodies are checked by the per-vendor suite (test/vendor/errors.test.ts).
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createVendorClient, unwrap } from '../src/index.js';
import { type AcmePaths, exampleFacts, json, recorder, reject } from './support.js';

describe('error envelopes', () => {
  const thrown = async (response: () => Response) => {
    const { fetch } = recorder(response);
    return reject(
      unwrap(
        createVendorClient<AcmePaths>(exampleFacts, { apiKey: 'test-key-123', fetch, maxRetries: 0 }).GET(
          '/models',
        ),
      ),
    );
  };

  // The made-up vendor declares message /error/message, /detail, /message and code /error/code, /error/type, /code.
  it.each([
    [
      'the first message and code pointers',
      { error: { message: 'Model not found', type: 'invalid_request_error', code: 'model_not_found' } },
      'model_not_found',
      'Model not found',
    ],
    [
      'a later code pointer when the first is null',
      { error: { message: 'Slow down', type: 'rate_limit_error', code: null } },
      'rate_limit_error',
      'Slow down',
    ],
    ['no code pointer present', { error: { message: 'Invalid provider' } }, undefined, 'Invalid provider'],
    [
      'a later message pointer',
      { detail: 'Invalid or expired API key' },
      undefined,
      'Invalid or expired API key',
    ],
    ['a number as the code', { message: 'No such model', code: 404 }, '404', 'No such model'],
    [
      'a shape the spec does not declare (nothing guessed)',
      { error: 'Bad request', msg: 'x' },
      undefined,
      '',
    ],
    [
      'a later pointer when an earlier one holds an object',
      { detail: { 'a/b': 'x' }, message: 'plain' },
      undefined,
      'plain',
    ],
  ])('%s', async (_, body, code, message) => {
    const error = await thrown(() => json(body, 404));
    expect([error.status, error.code, error.body]).toEqual([404, code, body]);
    expect(error.message).toBe(`GET /models: 404${code ? ` ${code}` : ''}: ${message}`);
  });

  it('reads no message or code without an envelope declaration', async () => {
    const { errorEnvelope: _, ...facts } = exampleFacts;
    const { fetch } = recorder(() =>
      json({ error: { message: 'm', code: 'c' } }, 400, { 'x-request-id': 'r' }),
    );
    const error = await reject(
      unwrap(createVendorClient(facts, { apiKey: 'k', fetch }).request('get', '/models' as never)),
    );
    expect([error.code, error.requestId, error.message]).toEqual([
      undefined,
      undefined,
      'GET /models: 400: ',
    ]);
  });

  it('keeps a body that is not JSON as text and uses it as the message', async () => {
    const error = await thrown(
      () =>
        new Response('upstream connect error', { status: 502, headers: { 'content-type': 'text/plain' } }),
    );
    expect([error.status, error.code, error.body]).toEqual([502, undefined, 'upstream connect error']);
    expect(error.message).toBe('GET /models: 502: upstream connect error');
  });

  it('falls back to the status text when the body is empty', async () => {
    const error = await thrown(() => new Response(null, { status: 503, statusText: 'Service Unavailable' }));
    expect([error.status, error.body]).toEqual([503, undefined]);
    expect(error.message).toBe('GET /models: 503: Service Unavailable');
  });

  it('gives only the status when neither the body nor the status line has a message', async () => {
    const error = await thrown(() => json({ unexpected: [1, 2] }, 500));
    expect(error.message).toBe('GET /models: 500: ');
    expect(error.body).toEqual({ unexpected: [1, 2] });
  });

  it.each([
    [{ 'x-request-id': 'req-h1' }, { request_id: 'req-b' }, 'req-h1'],
    [{ 'request-id': 'req-h2' }, { request_id: 'req-b' }, undefined],
    [{}, { error: 'E', message: 'm', request_id: 'req-b' }, undefined],
  ])('reads the request id from the declared header only: %j', async (headers, body, requestId) => {
    const error = await thrown(() => json(body, 400, headers));
    expect(error.requestId).toBe(requestId);
  });

  it('is an Error named ApiError that keeps the response', async () => {
    const error = await thrown(() => json({ error: { message: 'nope' } }, 403));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ApiError');
    expect(String(error)).toBe('ApiError: GET /models: 403: nope');
    expect(error.response.status).toBe(403);
    expect(error.headers.get('content-type')).toBe('application/json');
    expect(Object.keys(error)).not.toContain('headers');
    expect(error.stack).toContain('ApiError: GET /models: 403: nope');
    expect(error.stack).toContain('errors.test.ts');
    expect([error.operation, error.attempts]).toEqual(['GET /models', 1]);
  });
});

describe('unwrap', () => {
  it('resolves to the data of a 2xx answer', async () => {
    const { fetch } = recorder(() => json({ data: [{ id: 'a' }] }));
    const client = createVendorClient<AcmePaths>(exampleFacts, { apiKey: 'k', fetch });
    const models = await unwrap(client.GET('/models'));
    expect(models.data[0]!.id).toBe('a');
  });

  it('resolves to undefined for an answer without content', async () => {
    const { fetch } = recorder(() => new Response(null, { status: 204 }));
    const client = createVendorClient<AcmePaths>(exampleFacts, { apiKey: 'k', fetch });
    expect(await unwrap(client.GET('/models'))).toBeUndefined();
  });

  it('leaves { data, error, response } as it is without unwrap', async () => {
    const { fetch } = recorder(() => json({ error: { message: 'gone' } }, 410));
    const client = createVendorClient<AcmePaths>(exampleFacts, { apiKey: 'k', fetch });
    const { data, error, response } = await client.GET('/models');
    expect(data).toBeUndefined();
    expect(error).toEqual({ error: { message: 'gone' } });
    expect(response.status).toBe(410);
  });
});

describe('API keys never show in errors', () => {
  const key = 'sk-live-5f2b9c1e7a';
  const pair = { header: 'hdr-secret-81f3', session: 'session-secret-c42d' };

  it.each([
    ['an API key', { apiKey: key }, [key]],
    ['a credential pair', { credentials: pair }, Object.values(pair)],
  ])('redacts %s echoed back by the server', async (_, auth, secrets) => {
    const { fetch } = recorder(() =>
      json(
        {
          error: {
            message: `Invalid key ${secrets.join(' and ')}`,
            code: secrets[0],
            param: { key: secrets },
          },
        },
        401,
        { 'x-request-id': `req-${secrets[0]}` },
      ),
    );
    const client = createVendorClient<AcmePaths>(exampleFacts, { ...auth, fetch });
    const error = await reject(unwrap(client.GET('/models')));
    const shown = [
      error.message,
      String(error),
      error.stack ?? '',
      inspect(error, { depth: 10 }),
      JSON.stringify({ ...error, body: error.body }),
      error.code ?? '',
      error.requestId ?? '',
    ];
    for (const text of shown) for (const secret of secrets) expect(text).not.toContain(secret);
    const echoed = secrets.map(() => '[redacted]').join(' and ');
    expect(error.message).toBe(`GET /models: 401 [redacted]: Invalid key ${echoed}`);
  });

  it('puts no key in the missing-key error', () => {
    expect(() => createVendorClient(exampleFacts, { credentials: { header: pair.header } })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(pair.header) }),
    );
  });

  it('puts no key in a timeout or connection error', async () => {
    // A transport error may quote what it was sent (a proxy's refusal, a header the socket choked on): the key
    // is in its message and in its cause, so a client that passed it on unscrubbed fails here.
    const { fetch } = recorder((request) => {
      const sent = request.headers.get('authorization');
      throw new TypeError(`fetch failed (${sent})`, { cause: new Error(`socket closed after ${sent}`) });
    });
    const client = createVendorClient<AcmePaths>(exampleFacts, { apiKey: key, fetch, maxRetries: 0 });
    const error = await client.GET('/models').catch((thrown: unknown) => thrown);
    expect(inspect(error)).not.toContain(key);
  });
});
