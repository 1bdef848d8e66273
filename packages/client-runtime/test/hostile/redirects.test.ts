// Redirects of the made-up vendor's requests; each vendor's security alternatives go through the same suite in the
// per-vendor suite (test/vendor/redirects.test.ts).
import { describe, expect, it } from 'vitest';
import { createVendorClient } from '../../src/index.js';
import { describeRedirects, redirectServers } from '../suites/redirects.js';
import { exampleFacts } from '../support.js';

const servers = redirectServers();

describeRedirects(servers, [{ name: 'acme', facts: exampleFacts }]);

describe('redirect limits', () => {
  it('gives up after 20 hops, without retrying', async () => {
    const before = servers.origin.received.length;
    const client = createVendorClient(exampleFacts, { apiKey: 'k', baseUrl: servers.origin.origin });
    await expect(client.request('get', '/loop/302/x' as never)).rejects.toThrow('Over 20 redirects');
    expect(servers.origin.received.length - before).toBe(21);
  });

  it('leaves redirects alone when the caller asks for them', async () => {
    const client = createVendorClient(exampleFacts, { apiKey: 'k', baseUrl: servers.origin.origin });
    const { response } = await client.request(
      'get',
      '/cross/302/manual' as never,
      {
        redirect: 'manual',
      } as never,
    );
    expect(response.status).toBe(302);
  });
});
