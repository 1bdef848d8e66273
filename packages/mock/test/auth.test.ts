import { join } from 'node:path';
import { bundleSpec, type ExampleRequest, specFileVendor, vendorFacts } from '@modelspecs/spec-tools';
import { describe, expect, it } from 'vitest';
import { credentialAlternatives, describeAlternatives } from '../src/index.js';
import { mocksForSuite, repoRoot, send } from './support/helpers.js';

// The spec-tools fixture that accepts bearer, basic, a header key, a query key, and a header and query key together.
const AUTH_FIXTURE = join(repoRoot, 'packages', 'spec-tools', 'test', 'fixtures', 'auth-schemes.yaml');

describe('a mock of a spec with every kind of key', () => {
  const mocks = mocksForSuite({ spec: AUTH_FIXTURE });

  it('describes and accepts each security alternative, and refuses a request without a key', async () => {
    const [mock] = mocks().mocks;
    const doc = await bundleSpec(AUTH_FIXTURE);
    const facts = vendorFacts(doc, specFileVendor(AUTH_FIXTURE), '0.0.0');
    expect(mock!.authAlternatives).toEqual([
      'Authorization: Bearer <key>',
      'Authorization: Basic <key>',
      'X-Api-Key: <key>',
      '?api_key=<key>',
      'X-Api-Key: <key> + ?api_key=<key>',
    ]);
    expect(describeAlternatives(facts)).toEqual(mock!.authAlternatives);
    const request: ExampleRequest = {
      method: 'GET',
      path: '/models',
      pathParams: {},
      query: {},
      headers: {},
    };
    const alternatives = credentialAlternatives(facts, 'k');
    expect(alternatives).toHaveLength(5);
    for (const credentials of alternatives) {
      expect((await send(mock!.baseUrl, request, credentials)).status, JSON.stringify(credentials)).toBe(200);
    }
    expect((await send(mock!.baseUrl, request)).status).toBe(401);
  });
});
