// Each vendor's operations through the retry rules (run by its spec package's `test:vendor` task; see
// vitest.vendor.config.ts): a 503 is retried only when the method is idempotent. The rules themselves are tested on
// a made-up vendor by test/retry.test.ts.
import { exampleRequest, listOperations } from '@modelspecs/spec-tools';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createVendorClient } from '../../src/index.js';
import { json, recorder } from '../support.js';
import { specVendors } from './spec-vendors.js';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('operations of every spec', () => {
  const cases = specVendors.flatMap(({ vendor, doc, facts }) =>
    listOperations(doc).map((entry) => ({
      name: `${vendor.slug} ${entry.method.toUpperCase()} ${entry.path}`,
      facts,
      request: exampleRequest(doc, entry),
    })),
  );
  it.each(cases)('$name: a 503 is retried only when the method is idempotent', async ({ facts, request }) => {
    const { fetch, requests } = recorder(() => json({}, 503));
    const client = createVendorClient(facts, { apiKey: 'k', fetch });
    const sent = client.request(
      request.method.toLowerCase() as 'get',
      request.path as never,
      {
        params: { path: request.pathParams, query: request.query, header: request.headers },
        body: request.body,
      } as never,
    );
    await vi.runAllTimersAsync();
    expect((await sent).response.status).toBe(503);
    expect(requests).toHaveLength(['POST', 'PATCH'].includes(request.method) ? 1 : 3);
    expect(new Set(requests.map((sentRequest) => sentRequest.method))).toEqual(new Set([request.method]));
  });
});
