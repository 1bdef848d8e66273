import { describe, expect, it, vi } from 'vitest';
import { createVendorClient } from '../src/index.js';
import { describeAuth } from './suites/auth.js';
import { type AcmePaths, exampleFacts, json, recorder } from './support.js';

// The suite each vendor's facts pass in the per-vendor suite (test/vendor/auth.test.ts), on the made-up vendor.
describeAuth([
  { name: 'acme', facts: exampleFacts, envVar: 'ACME_API_KEY', userAgent: '@modelspecs/acme/1.2.3' },
]);

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
