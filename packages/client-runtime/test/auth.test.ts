import { describe, expect, it, vi } from 'vitest';
import { createVendorClient } from '../src/index.js';
import { type AcmePaths, exampleFacts, json, recorder, specVendors } from './support.js';

/** The header a spec's security scheme puts a credential in, and the value it carries. */
function expectedHeader(facts: (typeof specVendors)[number]['facts'], scheme: string, secret: string) {
  const definition = facts.securitySchemes[scheme]!;
  return definition.type === 'http'
    ? { name: 'authorization', value: `Bearer ${secret}` }
    : { name: definition.name.toLowerCase(), value: secret };
}

describe.each(specVendors)('auth of $vendor.slug, read from its spec', ({ facts, vendor }) => {
  const single = facts.security.find((schemes) => schemes.length === 1)!;

  it('sends options.apiKey the way the first one-scheme security alternative says', async () => {
    const { fetch, requests } = recorder(() => json({}));
    await createVendorClient(facts, { apiKey: 'key-from-options', fetch }).request(
      'get',
      '/anything' as never,
    );
    const { name, value } = expectedHeader(facts, single[0]!, 'key-from-options');
    expect(requests[0]!.headers.get(name)).toBe(value);
  });

  it(`falls back to ${vendor.envVar}`, async () => {
    vi.stubEnv(vendor.envVar, 'key-from-env');
    const { fetch, requests } = recorder(() => json({}));
    await createVendorClient(facts, { fetch }).request('get', '/anything' as never);
    const { name, value } = expectedHeader(facts, single[0]!, 'key-from-env');
    expect(requests[0]!.headers.get(name)).toBe(value);
  });

  it(`refuses to start without a key, naming ${vendor.envVar}`, () => {
    vi.stubEnv(vendor.envVar, '');
    const { fetch, requests } = recorder(() => json({}));
    expect(() => createVendorClient(facts, { fetch })).toThrow(vendor.envVar);
    expect(requests).toHaveLength(0);
  });

  it('sends no credentials when asked to be unauthenticated', async () => {
    vi.stubEnv(vendor.envVar, 'key-from-env');
    const { fetch, requests } = recorder(() => json({}, 401));
    await createVendorClient(facts, { unauthenticated: true, fetch }).request('get', '/anything' as never);
    for (const scheme of Object.keys(facts.securitySchemes)) {
      expect(requests[0]!.headers.has(expectedHeader(facts, scheme, '').name)).toBe(false);
    }
  });

  for (const schemes of facts.security.filter((alternative) => alternative.length > 1)) {
    it(`sends the credentials of the alternative ${schemes.join(' + ')} together`, async () => {
      vi.stubEnv(vendor.envVar, 'key-from-env');
      const credentials = Object.fromEntries(schemes.map((scheme) => [scheme, `secret-for-${scheme}`]));
      const { fetch, requests } = recorder(() => json({}));
      await createVendorClient(facts, { credentials, fetch }).request('get', '/anything' as never);
      for (const scheme of schemes) {
        const { name, value } = expectedHeader(facts, scheme, `secret-for-${scheme}`);
        expect(requests[0]!.headers.get(name)).toBe(value);
      }
      // Explicit credentials win over the env var: the key is not sent alongside them.
      expect([...requests[0]!.headers.values()].some((value) => value.includes('key-from-env'))).toBe(false);
    });
  }

  it('sends the User-Agent naming the package and version', async () => {
    const { fetch, requests } = recorder(() => json({}));
    await createVendorClient(facts, { apiKey: 'k', fetch }).request('get', '/anything' as never);
    expect(requests[0]!.headers.get('user-agent')).toBe(`${vendor.clientPackage}/0.0.0`);
  });
});

describe('auth rules', () => {
  it('fills the first one-scheme alternative with apiKey and formats each scheme', async () => {
    const { fetch, requests } = recorder(() => json({}));
    await createVendorClient<AcmePaths>(exampleFacts, { apiKey: 'abc', fetch }).GET('/models');
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer abc');
    expect(requests[0]!.headers.has('x-acme-key')).toBe(false);
  });

  it('uses a multi-scheme alternative when all its credentials are given', async () => {
    const { fetch, requests } = recorder(() => json({}));
    await createVendorClient<AcmePaths>(exampleFacts, {
      credentials: { header: 'h-secret', session: 's-secret' },
      fetch,
    }).GET('/models');
    expect(requests[0]!.headers.get('x-acme-key')).toBe('h-secret');
    expect(requests[0]!.headers.get('x-acme-session')).toBe('s-secret');
    expect(requests[0]!.headers.has('authorization')).toBe(false);
  });

  it('does not complete half a credential pair from the env var', () => {
    vi.stubEnv('ACME_API_KEY', 'env-key');
    expect(() =>
      createVendorClient<AcmePaths>(exampleFacts, { credentials: { header: 'h-secret' } }),
    ).toThrow('ACME_API_KEY');
  });

  it('treats an empty key as missing', () => {
    vi.stubEnv('ACME_API_KEY', '');
    expect(() => createVendorClient<AcmePaths>(exampleFacts, { apiKey: '' })).toThrow(
      'No API key: set ACME_API_KEY or pass { apiKey }',
    );
  });

  it('lets options.headers add headers and override the User-Agent, but not the credentials', async () => {
    const { fetch, requests } = recorder(() => json({}));
    await createVendorClient<AcmePaths>(exampleFacts, {
      apiKey: 'abc',
      headers: { 'user-agent': 'my-app/2', 'x-trace': 't-1', authorization: 'Bearer other' },
      fetch,
    }).GET('/models');
    expect(requests[0]!.headers.get('user-agent')).toBe('my-app/2');
    expect(requests[0]!.headers.get('x-trace')).toBe('t-1');
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer abc');
  });
});
