// The auth suite of a vendor's facts, run on the made-up vendor by test/auth.test.ts and on each vendor's spec by the
// per-vendor suite (test/vendor/auth.test.ts).
import { describe, expect, it, vi } from 'vitest';
import { createVendorClient, type VendorFacts } from '../../src/index.js';
import { json, recorder } from '../support.js';

export interface AuthSubject {
  name: string;
  facts: VendorFacts;
  /** The env var the key falls back to. */
  envVar: string;
  /** The User-Agent the client sends. */
  userAgent: string;
}

/** The header a security scheme puts a credential in, and the value it carries. */
function expectedHeader(facts: VendorFacts, scheme: string, secret: string) {
  const definition = facts.securitySchemes[scheme]!;
  return definition.type === 'http'
    ? { name: 'authorization', value: `Bearer ${secret}` }
    : { name: definition.name.toLowerCase(), value: secret };
}

export function describeAuth(subjects: readonly AuthSubject[]): void {
  describe.each(subjects)('auth of $name', ({ facts, envVar, userAgent }) => {
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

    it(`falls back to ${envVar}`, async () => {
      vi.stubEnv(envVar, 'key-from-env');
      const { fetch, requests } = recorder(() => json({}));
      await createVendorClient(facts, { fetch }).request('get', '/anything' as never);
      const { name, value } = expectedHeader(facts, single[0]!, 'key-from-env');
      expect(requests[0]!.headers.get(name)).toBe(value);
    });

    it(`refuses to start without a key, naming ${envVar}`, () => {
      vi.stubEnv(envVar, '');
      const { fetch, requests } = recorder(() => json({}));
      expect(() => createVendorClient(facts, { fetch })).toThrow(envVar);
      expect(requests).toHaveLength(0);
    });

    it('sends no credentials when asked to be unauthenticated', async () => {
      vi.stubEnv(envVar, 'key-from-env');
      const { fetch, requests } = recorder(() => json({}, 401));
      await createVendorClient(facts, { unauthenticated: true, fetch }).request('get', '/anything' as never);
      for (const scheme of Object.keys(facts.securitySchemes)) {
        expect(requests[0]!.headers.has(expectedHeader(facts, scheme, '').name)).toBe(false);
      }
    });

    for (const schemes of facts.security.filter((alternative) => alternative.length > 1)) {
      it(`sends the credentials of the alternative ${schemes.join(' + ')} together`, async () => {
        vi.stubEnv(envVar, 'key-from-env');
        const credentials = Object.fromEntries(schemes.map((scheme) => [scheme, `secret-for-${scheme}`]));
        const { fetch, requests } = recorder(() => json({}));
        await createVendorClient(facts, { credentials, fetch }).request('get', '/anything' as never);
        for (const scheme of schemes) {
          const { name, value } = expectedHeader(facts, scheme, `secret-for-${scheme}`);
          expect(requests[0]!.headers.get(name)).toBe(value);
        }
        // Explicit credentials win over the env var: the key is not sent alongside them.
        expect([...requests[0]!.headers.values()].some((value) => value.includes('key-from-env'))).toBe(
          false,
        );
      });
    }

    it('sends the User-Agent naming the package and version', async () => {
      const { fetch, requests } = recorder(() => json({}));
      await createVendorClient(facts, { apiKey: 'k', fetch }).request('get', '/anything' as never);
      expect(requests[0]!.headers.get('user-agent')).toBe(userAgent);
    });
  });
}
