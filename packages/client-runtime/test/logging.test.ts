import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createVendorClient } from '../src/index.js';
import { type Loopback, listen } from './hostile/loopback.js';
import { type AcmePaths, exampleFacts, recordingLogger } from './support.js';

const KEY = 'sk-log-key-4417';
let server: Loopback;
let count = 0;
beforeAll(async () => {
  server = await listen((request, response) => {
    count++;
    const retry = request.url.includes('flaky') && count % 2 === 1;
    response.writeHead(retry ? 503 : 200, { 'content-type': 'application/json', 'retry-after-ms': '1' });
    response.end(`{"data":[],"echo":"${KEY}"}`);
  });
});
afterAll(() => server.close());

describe('logging', () => {
  it('reports each attempt, its status, its time and the retry, with credentials redacted', async () => {
    const { logged, logger } = recordingLogger();
    const client = createVendorClient<AcmePaths>(exampleFacts, {
      apiKey: KEY,
      baseUrl: `${server.origin}/v1`,
      logger,
      logLevel: 'debug',
    });
    count = 0;
    await client.request('get', '/flaky' as never);
    expect(logged.map(([level]) => level)).toEqual(['debug', 'info', 'warn', 'debug', 'info']);
    expect(logged[0]![1]).toMatch(
      /^GET \/flaky: GET http:\/\/127\.0\.0\.1:\d+\/v1\/flaky .*"authorization","\[redacted\]"/,
    );
    expect(logged[1]![1]).toMatch(/^GET \/flaky: 503 in \d+ ms, attempt 1$/);
    expect(logged[2]![1]).toBe('GET /flaky: retrying in 1 ms');
    expect(logged[4]![1]).toMatch(/^GET \/flaky: 200 in \d+ ms, attempt 2$/);
    for (const [, line] of logged) expect(line).not.toContain(KEY);
  });

  it('keeps a key sent in the query out of every URL it logs', async () => {
    const { logged, logger } = recordingLogger();
    const facts = {
      ...exampleFacts,
      securitySchemes: { query: { type: 'apiKey', in: 'query', name: 'api_key' } },
      security: [['query']],
    } as const;
    const client = createVendorClient(facts, {
      apiKey: KEY,
      baseUrl: `${server.origin}/v1`,
      logger,
      logLevel: 'debug',
    });
    await client.request('get', '/models' as never, { params: { query: { limit: 2 } } } as never);
    expect(server.received.at(-1)!.url).toBe(`/v1/models?limit=2&api_key=${KEY}`);
    expect(logged.length).toBeGreaterThan(0);
    for (const [, line] of logged) expect(line).not.toContain(KEY);
  });

  it('takes its level from MODELSPECS_LOG, and says nothing when it is off', async () => {
    const { logged, logger } = recordingLogger();
    vi.stubEnv('MODELSPECS_LOG', 'warn');
    count = 0;
    const options = { apiKey: KEY, baseUrl: `${server.origin}/v1`, logger };
    await createVendorClient<AcmePaths>(exampleFacts, options).request('get', '/flaky' as never);
    expect(logged.map(([level]) => level)).toEqual(['warn']);
    vi.stubEnv('MODELSPECS_LOG', 'off');
    count = 0;
    await createVendorClient<AcmePaths>(exampleFacts, options).request('get', '/flaky' as never);
    expect(logged).toHaveLength(1);
  });

  it('refuses an unknown level, naming the option and the env var', () => {
    vi.stubEnv('MODELSPECS_LOG', 'verbose');
    expect(() => createVendorClient(exampleFacts, { apiKey: KEY })).toThrow(
      'logLevel (or MODELSPECS_LOG) must be one of off,error,warn,info,debug',
    );
  });
});

describe('every kind of security scheme', () => {
  it('sends http basic as Basic base64(user:password)', async () => {
    const facts = {
      ...exampleFacts,
      securitySchemes: { basic: { type: 'http', scheme: 'basic' } },
      security: [['basic']],
    } as const;
    await createVendorClient<AcmePaths>(facts, { apiKey: 'user:pa55', baseUrl: `${server.origin}/v1` }).GET(
      '/models',
    );
    expect(server.received.at(-1)!.headers.authorization).toBe(`Basic ${btoa('user:pa55')}`);
  });

  it('sends an API key in the query, after the query parameters, from a provider too', async () => {
    const facts = {
      ...exampleFacts,
      securitySchemes: { query: { type: 'apiKey', in: 'query', name: 'key' } },
      security: [['query']],
    } as const;
    let n = 0;
    const client = createVendorClient(facts, { apiKey: () => `q ${++n}`, baseUrl: `${server.origin}/v1` });
    await client.request('get', '/models' as never);
    await client.request('get', '/models' as never, { params: { query: { a: 'b' } } } as never);
    expect(server.received.slice(-2).map((r) => r.url)).toEqual([
      '/v1/models?key=q%201',
      '/v1/models?a=b&key=q%202',
    ]);
    expect(server.received.at(-1)!.headers.authorization).toBeUndefined();
  });
});
