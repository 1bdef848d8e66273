// The official OpenAI SDK against the vendor's mock, when its spec says the SDK works (`info.x-openai-compatible`)
// (run by its spec package's `test:vendor` task; see vitest.vendor.config.ts). That some vendor of the checkout says
// so, so that this suite runs at all, is checked with the other facts of the set of specs in docs'
// test/repo-specs.test.ts.
import { listOperations, mediaTypeExample } from '@modelspecs/spec-tools';
import { vendorsUnderTest } from '@modelspecs/testkit';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { MOCK_KEY } from '../../src/index.js';
import { loadSpecs, repoRoot, responseFor, sharedMocks, successStatus } from '../support/helpers.js';

const specs = await loadSpecs(vendorsUnderTest(repoRoot));

describe.each(specs)('$vendor.slug', ({ vendor, doc }) => {
  describe.runIf(doc.info['x-openai-compatible'] === true)('declared OpenAI-compatible', () => {
    const operations = listOperations(doc);
    const list = operations.find((op) => op.method === 'get' && op.path === '/models');
    const retrieve = operations.find((op) => op.method === 'get' && /^\/models\/\{[^}]+\}$/.test(op.path));
    const exampleOf = (entry: typeof list) =>
      mediaTypeExample(doc, responseFor(doc, entry!, successStatus(entry!))?.json);
    const client = (options: ConstructorParameters<typeof OpenAI>[0] = {}) =>
      new OpenAI({ baseURL: sharedMocks().urls[vendor.slug], apiKey: MOCK_KEY, maxRetries: 0, ...options });

    it('documents the OpenAI list and retrieve operations', () => {
      expect(list, 'GET /models').toBeDefined();
      expect(retrieve, 'GET /models/{id}').toBeDefined();
    });

    it('lists models with client.models.list()', async () => {
      const ids: string[] = [];
      for await (const model of client().models.list()) ids.push(model.id);
      const documented = exampleOf(list) as { data: { id: string }[] };
      expect(ids).toEqual(documented.data.map((m) => m.id));
    });

    it('retrieves a listed model with client.models.retrieve(id)', async () => {
      const page = await client().models.list();
      const model = await client().models.retrieve(page.data[0]!.id);
      expect(model).toEqual(exampleOf(retrieve));
      expect(model.object).toBe('model');
    });

    it("surfaces the vendor's 401 body as an AuthenticationError without a key", async () => {
      const error = await client({ defaultHeaders: { Authorization: null } })
        .models.list()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
      const documented = mediaTypeExample(doc, responseFor(doc, list!, '401')?.json) as { error?: unknown };
      expect(documented.error).toBeDefined();
      expect((error as InstanceType<typeof OpenAI.AuthenticationError>).error).toEqual(documented.error);
    });
  });
});
