// Each vendor's default base URL (run by its spec package's `test:vendor` task; see vitest.vendor.config.ts).
import { describe, expect, it } from 'vitest';
import { createVendorClient } from '../../src/index.js';
import { json, recorder } from '../support.js';
import { specVendors } from './spec-vendors.js';

describe.each(specVendors)('base URL of $vendor.slug', ({ facts, doc }) => {
  it("defaults to the spec's first server", async () => {
    const { fetch, requests } = recorder(() => json({}));
    await createVendorClient(facts, { apiKey: 'k', fetch }).request('get', '/models' as never);
    expect(requests[0]!.url).toBe(`${doc.servers![0]!.url}/models`);
  });
});
