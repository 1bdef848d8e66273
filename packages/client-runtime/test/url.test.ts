// Each vendor's default base URL is checked by the per-vendor suite (test/vendor/url.test.ts).
import { describe, expect, it } from 'vitest';
import { createVendorClient } from '../src/index.js';
import { type AcmePaths, exampleFacts, json, recorder } from './support.js';

describe('base URL', () => {
  it.each([
    ['http://127.0.0.1:4010/v1', 'http://127.0.0.1:4010/v1/models'],
    ['http://127.0.0.1:4010/v1/', 'http://127.0.0.1:4010/v1/models'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010/models'],
    ['http://127.0.0.1:4010/', 'http://127.0.0.1:4010/models'],
  ])('joins %s and the path', async (baseUrl, url) => {
    const { fetch, requests } = recorder(() => json({ data: [] }));
    await createVendorClient<AcmePaths>(exampleFacts, { apiKey: 'k', baseUrl, fetch }).GET('/models');
    expect(requests[0]!.url).toBe(url);
  });

  it('serializes query parameters', async () => {
    const { fetch, requests } = recorder(() => json({ data: [] }));
    await createVendorClient<AcmePaths>(exampleFacts, { apiKey: 'k', fetch }).GET('/models', {
      params: { query: { limit: 20 } },
    });
    expect(requests[0]!.url).toBe('https://api.acme.test/v1/models?limit=20');
  });
});

describe('path parameters', () => {
  it.each([
    ['a/b', '/models/a%2Fb'],
    ['../admin', '/models/..%2Fadmin'],
    ['a..b', '/models/a..b'],
    ['.hidden', '/models/.hidden'],
    ['with space', '/models/with%20space'],
    ['modèle-日本', '/models/mod%C3%A8le-%E6%97%A5%E6%9C%AC'],
    ['q?x=1#f', '/models/q%3Fx%3D1%23f'],
    ['100%', '/models/100%25'],
  ])('sends %j as one encoded segment', async (modelId, path) => {
    const { fetch, requests } = recorder(() => json({ id: modelId }));
    const { data } = await createVendorClient<AcmePaths>(exampleFacts, { apiKey: 'k', fetch }).GET(
      '/models/{model_id}',
      { params: { path: { model_id: modelId } } },
    );
    expect(new URL(requests[0]!.url).pathname).toBe(`/v1${path}`);
    expect(data).toEqual({ id: modelId });
  });

  // URLs resolve "." and ".." segments away, percent-encoded or not, so such a value would call another resource.
  it.each(['..', '.', ''])('refuses %j before sending anything', async (modelId) => {
    const { fetch, requests } = recorder(() => json({}));
    const client = createVendorClient<AcmePaths>(exampleFacts, { apiKey: 'k', fetch });
    await expect(
      client.GET('/models/{model_id}', { params: { path: { model_id: modelId } } }),
    ).rejects.toThrow(`Path parameter model_id cannot be ${JSON.stringify(modelId)}`);
    expect(requests).toHaveLength(0);
  });
});
