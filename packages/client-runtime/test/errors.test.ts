import { inspect } from 'node:util';
import {
  deref,
  type ExampleObject,
  listOperations,
  type ReferenceObject,
  type ResponseObject,
} from '@modelspecs/spec-tools';
import { describe, expect, it } from 'vitest';
import { ApiError, createVendorClient, parseErrorBody, unwrap } from '../src/index.js';
import { type AcmePaths, exampleFacts, json, recorder, specVendors } from './support.js';

/** Every documented error example of a spec: status, example name and body. */
function errorExamples({ doc }: (typeof specVendors)[number]) {
  const found = new Map<string, { status: number; name: string; body: unknown }>();
  for (const { operation } of listOperations(doc)) {
    for (const [code, raw] of Object.entries(operation.responses ?? {})) {
      if (/^[23]/.test(code)) continue;
      const response = deref<ResponseObject>(doc, raw as ResponseObject | ReferenceObject);
      const media = response.content?.['application/json'];
      const examples = Object.entries(media?.examples ?? {}).map(
        ([name, example]) => [name, deref<ExampleObject>(doc, example).value] as const,
      );
      if (media && 'example' in media) examples.push(['example', media.example]);
      // `default` stands for any other error; 500 is one of them.
      const status = code === 'default' ? 500 : Number(code);
      for (const [name, body] of examples) found.set(`${status} ${name}`, { status, name, body });
    }
  }
  return [...found.values()];
}

/** The string values of an example, by the key they sit under. */
function leaves(value: unknown, key = '', out: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') out.push([key, value]);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leaves(v, k, out);
  }
  return out;
}

const reject = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
};

describe.each(specVendors)("$vendor.slug's documented error bodies", (specVendor) => {
  const examples = errorExamples(specVendor);

  it('documents at least one error example', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)(
    '$status $name: unwrap throws ApiError with its code and message',
    async ({ status, body }) => {
      const { fetch } = recorder(() => json(body, status));
      const client = createVendorClient(specVendor.facts, { apiKey: 'test-key-123', fetch, maxRetries: 0 });
      const error = await reject(unwrap(client.request('get', '/models' as never)));
      const strings = leaves(body);
      expect(error.status).toBe(status);
      expect(error.body).toEqual(body);
      // The message is the envelope's own human-readable text, not a dump of the body.
      const message = parseErrorBody(body).message;
      expect(
        strings.filter(([key]) => ['message', 'detail', 'error'].includes(key)).map(([, v]) => v),
      ).toContain(message);
      const codes = strings
        .filter(([key]) => key === 'code' || key === 'type')
        .concat(
          typeof (body as { error?: unknown }).error === 'string'
            ? [['error', (body as { error: string }).error]]
            : [],
        )
        .map(([, v]) => v);
      if (codes.length > 0) expect(codes).toContain(error.code);
      else expect(error.code).toBeUndefined();
      expect(error.message).toBe(`${status}${error.code ? ` ${error.code}` : ''}: ${message}`);
      const requestId = strings.find(([key]) => key === 'request_id')?.[1];
      expect(error.requestId).toBe(requestId);
    },
  );
});

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

  it.each([
    [
      'OpenAI style',
      { error: { message: 'Model not found', type: 'invalid_request_error', code: 'model_not_found' } },
      'model_not_found',
      'Model not found',
    ],
    [
      'OpenAI style without a code',
      { error: { message: 'Slow down', type: 'rate_limit_error', code: null } },
      'rate_limit_error',
      'Slow down',
    ],
    ['message only', { error: { message: 'Invalid provider' } }, undefined, 'Invalid provider'],
    [
      'FastAPI string detail',
      { detail: 'Invalid or expired API key' },
      undefined,
      'Invalid or expired API key',
    ],
    [
      'FastAPI object detail',
      { detail: { code: 'RATE_LIMITED', message: 'Too many' } },
      'RATE_LIMITED',
      'Too many',
    ],
    [
      'flat code and message',
      { error: 'MODEL_NOT_FOUND', message: 'No such model', code: 404 },
      'MODEL_NOT_FOUND',
      'No such model',
    ],
    ['a bare error string', { error: 'Bad request' }, undefined, 'Bad request'],
  ])('%s', async (_, body, code, message) => {
    const error = await thrown(() => json(body, 404));
    expect([error.status, error.code, error.body]).toEqual([404, code, body]);
    expect(error.message).toBe(`404${code ? ` ${code}` : ''}: ${message}`);
  });

  it('keeps a body that is not JSON as text and uses it as the message', async () => {
    const error = await thrown(
      () =>
        new Response('upstream connect error', { status: 502, headers: { 'content-type': 'text/plain' } }),
    );
    expect([error.status, error.code, error.body]).toEqual([502, undefined, 'upstream connect error']);
    expect(error.message).toBe('502: upstream connect error');
  });

  it('falls back to the status text when the body is empty', async () => {
    const error = await thrown(() => new Response(null, { status: 503, statusText: 'Service Unavailable' }));
    expect([error.status, error.body]).toEqual([503, undefined]);
    expect(error.message).toBe('503: Service Unavailable');
  });

  it('gives only the status when neither the body nor the status line has a message', async () => {
    const error = await thrown(() => json({ unexpected: [1, 2] }, 500));
    expect(error.message).toBe('500: ');
    expect(error.body).toEqual({ unexpected: [1, 2] });
  });

  it.each([
    [{ 'x-request-id': 'req-h1' }, { request_id: 'req-b' }, 'req-h1'],
    [{ 'request-id': 'req-h2' }, { request_id: 'req-b' }, 'req-h2'],
    [{}, { error: 'E', message: 'm', request_id: 'req-b' }, 'req-b'],
    [{}, { error: { message: 'm' } }, undefined],
  ])('reads the request id from %j or the body', async (headers, body, requestId) => {
    const error = await thrown(() => json(body, 400, headers));
    expect(error.requestId).toBe(requestId);
  });

  it('is an Error named ApiError that keeps the response', async () => {
    const error = await thrown(() => json({ error: { message: 'nope' } }, 403));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ApiError');
    expect(String(error)).toBe('ApiError: 403: nope');
    expect(error.response.status).toBe(403);
    expect(error.stack).toContain('ApiError: 403: nope');
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
    expect(error.message).toBe(`401 [redacted]: Invalid key ${echoed}`);
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
