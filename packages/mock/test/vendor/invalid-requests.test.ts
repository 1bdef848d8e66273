// The vendor's documented invalid-request answers from its real Prism mock (run by its spec package's `test:vendor`
// task; see vitest.vendor.config.ts). The probes and the suite: test/support/invalid-requests.ts; on fixture specs:
// test/hostile/invalid-requests.test.ts.
import { exampleRequest, fillPath, listOperations, type OpenApiDocument } from '@modelspecs/spec-tools';
import { vendorsUnderTest } from '@modelspecs/testkit';
import { describe, expect, it } from 'vitest';
import { loadSpecs, repoRoot, sharedMocks } from '../support/helpers.js';
import { invalidRequestSuite, invalidValue } from '../support/invalid-requests.js';

const specs = await loadSpecs(vendorsUnderTest(repoRoot));

// Something to refuse: a request body or a constrained parameter.
const refusable = (doc: OpenApiDocument) =>
  listOperations(doc).some(
    (entry) =>
      entry.operation.requestBody || entry.parameters.some((p) => invalidValue(doc, p) !== undefined),
  );

describe.each(specs)('$vendor.slug', (spec) => {
  const { vendor, doc } = spec;
  describe.runIf(refusable(doc))('with a request body or a constrained parameter to break', () => {
    invalidRequestSuite(() => [spec], sharedMocks);

    it('still answers a documented 422 on `Prefer: code=422` to a valid request', async () => {
      const mock = sharedMocks().mocks.find((m) => m.slug === vendor.slug)!;
      for (const entry of listOperations(doc).filter((e) => e.operation.responses?.['422'])) {
        const example = exampleRequest(doc, entry);
        const url = `${mock.baseUrl}${fillPath(example.path, example.pathParams)}`;
        const response = await fetch(url, {
          method: example.method,
          headers: { ...mock.credentials.headers, 'content-type': 'application/json', prefer: 'code=422' },
          body: example.body === undefined ? undefined : JSON.stringify(example.body),
        });
        await response.body?.cancel();
        expect(response.status, `${vendor.slug} ${entry.path}`).toBe(422);
      }
    });
  });
});
