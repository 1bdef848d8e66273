// The default log level with a logger, an attempt that failed without an error, and a hop to another origin that
// would carry a query key.
import { describe, expect, it } from 'vitest';
import { ConnectionError, createVendorClient, type VendorFacts } from '../../src/index.js';
import { exampleFacts, json, recorder, recordingLogger } from '../support.js';

const KEY = 'acme-key-0123456789';
type Get = { GET: (path: string) => Promise<unknown> };

describe('logging', () => {
  it('logs at info when given a logger and no level', async () => {
    const { logged, logger } = recordingLogger();
    const { fetch } = recorder(() => json({ data: [] }));
    await (createVendorClient(exampleFacts, { apiKey: KEY, fetch, logger }) as unknown as Get).GET('/models');
    expect(logged.map(([level]) => level)).toEqual(['info']);
  });

  it('still logs an attempt whose fetch rejected with nothing', async () => {
    const { logged, logger } = recordingLogger();
    const { fetch } = recorder(() => Promise.reject(undefined));
    const client = createVendorClient(exampleFacts, { apiKey: KEY, fetch, logger, maxRetries: 0 });
    await expect((client as unknown as Get).GET('/models')).rejects.toBeInstanceOf(ConnectionError);
    expect(logged).toEqual([
      ['warn', expect.stringMatching(/^GET \/models: undefined in \d+ ms, attempt 1$/)],
    ]);
  });
});

describe('a redirect to another origin', () => {
  it('drops the query key from the next URL, and keeps a parameter that only shares a header name', async () => {
    const facts: VendorFacts = {
      ...exampleFacts,
      securitySchemes: {
        ...exampleFacts.securitySchemes,
        query: { type: 'apiKey', in: 'query', name: 'api_key' },
      },
      security: [['header', 'query']],
    };
    const { fetch, requests } = recorder((_, attempt) =>
      attempt === 1
        ? new Response(null, {
            status: 302,
            headers: { location: `https://other.test/landed?X-Acme-Key=kept&api_key=${KEY}&page=2` },
          })
        : json({ data: [] }),
    );
    const client = createVendorClient(facts, {
      credentials: { header: () => 'header-token', query: KEY },
      fetch,
    });
    await (client as unknown as Get).GET('/models');
    expect(requests.map((r) => r.url)).toEqual([
      `https://api.acme.test/v1/models?api_key=${KEY}`,
      'https://other.test/landed?X-Acme-Key=kept&page=2',
    ]);
  });
});
