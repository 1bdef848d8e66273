import { describe, expect, it } from 'vitest';
import { createVendorClient } from '../../src/index.js';
import { type AcmePaths, exampleFacts, json, recorder } from '../support.js';

const KEY = 'acme-key-0123456789';

describe('path parameters', () => {
  it('refuses an omitted path parameter, sending nothing', async () => {
    const { fetch, requests } = recorder(() => json({ id: 'x' }));
    const client = createVendorClient<AcmePaths>(exampleFacts, { apiKey: KEY, fetch });
    // @ts-expect-error the parameter a caller forgot
    await expect(client.GET('/models/{model_id}', { params: { path: {} } })).rejects.toThrow(
      new TypeError('Path parameter model_id cannot be undefined'),
    );
    expect(requests).toEqual([]);
  });
});

describe('the security alternative', () => {
  it('sends an API key through the first single-scheme alternative, even when a pair comes first', async () => {
    const facts = { ...exampleFacts, security: [['header', 'session'], ['bearer']] } as const;
    const { fetch, requests } = recorder(() => json({ data: [] }));
    const client = createVendorClient<AcmePaths>(facts, { apiKey: KEY, fetch });
    await client.GET('/models');
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(requests[0]!.headers.get('x-acme-key')).toBeNull();
    expect(requests[0]!.headers.get('x-acme-session')).toBeNull();
  });

  it('sends the pair when both of its credentials are given', async () => {
    const facts = { ...exampleFacts, security: [['header', 'session'], ['bearer']] } as const;
    const { fetch, requests } = recorder(() => json({ data: [] }));
    const client = createVendorClient<AcmePaths>(facts, {
      credentials: { header: 'h-1', session: 's-1' },
      fetch,
    });
    await client.GET('/models');
    expect(requests[0]!.headers.get('x-acme-key')).toBe('h-1');
    expect(requests[0]!.headers.get('x-acme-session')).toBe('s-1');
    expect(requests[0]!.headers.get('authorization')).toBeNull();
  });
});
