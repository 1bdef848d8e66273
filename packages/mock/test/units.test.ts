// The pure parts: the derived mock document, the auth descriptions, the table and the flag parsing.
import { type OpenApiDocument, SpecError, UsageError, type VendorFacts } from '@modelspecs/spec-tools';
import { describe, expect, it } from 'vitest';
import {
  credentialAlternatives,
  defaultPortBase,
  describeAlternatives,
  formatMockTable,
  freePortBase,
  mockDocument,
  parsePort,
  serverBasePath,
  startMocks,
  startOptionsFromArgs,
} from '../src/index.js';

const unauthorized = {
  description: 'No key.',
  content: { 'application/json': { example: { error: { message: 'no key' } } } },
};

function spec(overrides: Partial<OpenApiDocument> = {}): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: { title: 'Acme Models API', version: 'v1', 'x-vendor': 'Acme' },
    servers: [{ url: 'https://api.acme.invalid/v1/' }],
    security: [{ bearerAuth: [] }],
    paths: {
      '/models': {
        get: { responses: { '200': { description: 'ok' }, '401': unauthorized } },
      },
      '/models/{id}': {
        parameters: [{ $ref: '#/components/parameters/Id' }],
        get: { responses: { '200': { description: 'ok' } } },
        delete: { security: [], responses: { '204': { description: 'gone' } } },
      },
      '/health': { get: { security: [{}, { bearerAuth: [] }], responses: { '200': { description: 'ok' } } } },
      '/alias': { $ref: '#/paths/~1models' } as never,
    },
    components: {
      parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } } },
    },
    ...overrides,
  };
}

describe('serverBasePath', () => {
  it("is the base path of spec-tools' serverOf, server variables filled", () => {
    const servers = [
      {
        url: 'https://{region}.acme.invalid/{version}/',
        variables: { region: { default: 'eu' }, version: { default: 'v9' } },
      },
    ];
    expect(serverBasePath(spec({ servers }), 'acme.yaml')).toBe('/v9');
    expect(() => serverBasePath(spec({ servers: [] }), 'acme.yaml')).toThrow(SpecError);
  });
});

describe('mockDocument', () => {
  it('prefixes every path with the base path and leaves the source untouched', () => {
    const source = spec();
    const before = structuredClone(source);
    const { document, basePath } = mockDocument(source, 'acme.yaml');
    expect(basePath).toBe('/v1');
    expect(Object.keys(document.paths ?? {})).toEqual([
      '/v1/models',
      '/v1/models/{id}',
      '/v1/health',
      '/v1/alias',
    ]);
    expect(source).toEqual(before);
  });

  it('points references into paths at the prefixed keys, and leaves other references alone', () => {
    const { document } = mockDocument(spec(), 'acme.yaml');
    expect(document.paths?.['/v1/alias']).toEqual({ $ref: '#/paths/~1v1~1models' });
    expect(document.paths?.['/v1/models/{id}']?.parameters).toEqual([{ $ref: '#/components/parameters/Id' }]);
  });

  it('gives operations that need credentials but document no 401 the spec’s own 401 response', () => {
    const { document } = mockDocument(spec(), 'acme.yaml');
    expect(document.paths?.['/v1/models/{id}']?.get?.responses?.['401']).toEqual(unauthorized);
    // Public operations (security: [] or an empty alternative) keep their responses as written.
    expect(document.paths?.['/v1/models/{id}']?.delete?.responses?.['401']).toBeUndefined();
    expect(document.paths?.['/v1/health']?.get?.responses?.['401']).toBeUndefined();
  });

  it('leaves paths as they are when the server URL has no path', () => {
    const { document, basePath } = mockDocument(
      spec({ servers: [{ url: 'https://api.acme.invalid' }] }),
      'x',
    );
    expect(basePath).toBe('');
    expect(Object.keys(document.paths ?? {})).toContain('/models');
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });
});

const facts: VendorFacts = {
  slug: 'acme',
  name: 'Acme',
  envVar: 'ACME_API_KEY',
  baseUrl: 'https://api.acme.invalid/v1',
  securitySchemes: {
    key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    token: { type: 'http', scheme: 'bearer' },
    appCheck: { type: 'apiKey', in: 'header', name: 'X-App-Check' },
    queryKey: { type: 'apiKey', in: 'query', name: 'api_key' },
    basic: { type: 'http', scheme: 'basic' },
  },
  security: [['key'], ['token', 'appCheck'], ['queryKey'], ['basic']],
  userAgent: '@modelspecs/acme/0.0.0',
  errorEnvelope: { message: ['/error/message'], code: [] },
};

describe('credentials', () => {
  it('describes each security alternative, joining the schemes sent together', () => {
    expect(describeAlternatives(facts)).toEqual([
      'X-Api-Key: <key>',
      'Authorization: Bearer <key> + X-App-Check: <key>',
      '?api_key=<key>',
      'Authorization: Basic <key>',
    ]);
  });

  it('builds headers and query parameters that satisfy each alternative', () => {
    expect(credentialAlternatives(facts, 'k')).toEqual([
      { headers: { 'X-Api-Key': 'k' }, query: {} },
      { headers: { Authorization: 'Bearer k', 'X-App-Check': 'k' }, query: {} },
      { headers: {}, query: { api_key: 'k' } },
      { headers: { Authorization: `Basic ${Buffer.from('k:').toString('base64')}` }, query: {} },
    ]);
  });
});

describe('freePortBase', () => {
  it('stays below the ports the OS hands out for outgoing connections, offsets included', async () => {
    for (let i = 0; i < 20; i++) {
      const base = await freePortBase([0, 4, 1000]);
      expect(base).toBeGreaterThanOrEqual(20_000);
      expect(base + 1000).toBeLessThan(32_768);
    }
  });

  it('refuses offsets that cannot fit below that range', async () => {
    await expect(freePortBase([0, 20_000])).rejects.toThrow(
      'Port offsets up to 20000 do not fit below 32768',
    );
  });
});

describe('formatMockTable', () => {
  const mocks = [
    {
      slug: 'acme',
      name: 'Acme',
      baseUrl: 'http://127.0.0.1:4010/v1',
      authHeader: 'Authorization: Bearer <key>',
    },
    {
      slug: 'globex',
      name: 'Globex Corporation',
      baseUrl: 'http://127.0.0.1:4011',
      authHeader: 'X-Api-Key: <key>',
    },
  ];

  it('aligns the columns and leaves out the docs column when nothing is served', () => {
    expect(formatMockTable(mocks).split('\n')).toEqual([
      'vendor  name                base URL                  auth header',
      '------  ------------------  ------------------------  ---------------------------',
      'acme    Acme                http://127.0.0.1:4010/v1  Authorization: Bearer <key>',
      'globex  Globex Corporation  http://127.0.0.1:4011     X-Api-Key: <key>',
    ]);
  });

  it('adds the reference URL of each vendor when the docs are served', () => {
    const table = formatMockTable(mocks, { acme: 'http://127.0.0.1:8080/acme/' });
    expect(table.split('\n')[0]).toMatch(/auth header\s+reference docs$/);
    expect(table.split('\n')[2]).toMatch(/Authorization: Bearer <key>\s+http:\/\/127\.0\.0\.1:8080\/acme\/$/);
  });
});

describe('flags', () => {
  it('parses ports strictly, naming the flag', () => {
    expect(parsePort('--port-base', '5010')).toBe(5010);
    for (const bad of ['', '50a', '-1', '0', '65536', '1e3', ' 5010']) {
      expect(() => parsePort('--port-base', bad)).toThrow(UsageError);
      expect(() => parsePort('--port-base', bad)).toThrow(/--port-base/);
    }
  });

  it('uses the default port base unless --port-base is given', () => {
    expect(startOptionsFromArgs({}, 4010).portBase).toBe(4010);
    expect(startOptionsFromArgs({ 'port-base': '5010', vendor: 'a,b' }, 4010)).toMatchObject({
      portBase: 5010,
      vendors: 'a,b',
    });
  });
});

describe('a spec file instead of the vendors', () => {
  it('passes --spec on, and puts its mock on port 4010 by default', () => {
    expect(startOptionsFromArgs({ spec: 'api.yaml' }, defaultPortBase(undefined, 'api.yaml'))).toMatchObject({
      spec: 'api.yaml',
      portBase: 4010,
    });
  });

  it('refuses --spec with --vendor, and an empty --spec, before starting anything', async () => {
    await expect(startMocks({ spec: 'api.yaml', vendors: 'tensoras' })).rejects.toThrow(
      /--spec and --vendor exclude each other/,
    );
    await expect(startMocks({ spec: ' ' })).rejects.toThrow(UsageError);
  });

  it('names the spec file that cannot be read', async () => {
    await expect(startMocks({ spec: 'no-such-dir/api.yaml' })).rejects.toThrow(/no-such-dir\/api\.yaml/);
  });
});
