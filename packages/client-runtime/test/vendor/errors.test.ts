// Each vendor's documented error bodies through the runtime (run by its spec package's `test:vendor` task; see
// vitest.vendor.config.ts). The rules of error envelopes are tested on a made-up vendor by test/errors.test.ts.
import {
  deref,
  type ExampleObject,
  listOperations,
  type ReferenceObject,
  type ResponseObject,
  valueAt,
} from '@modelspecs/spec-tools';
import { describe, expect, it } from 'vitest';
import { createVendorClient, unwrap } from '../../src/index.js';
import { json, recorder, reject } from '../support.js';
import { type SpecVendor, specVendors } from './spec-vendors.js';

/** Every documented error example of a spec: status, example name and body. */
function errorExamples({ doc }: SpecVendor) {
  const found = new Map<string, { status: number; name: string; body: unknown }>();
  for (const { operation } of listOperations(doc)) {
    for (const [code, raw] of Object.entries(operation.responses ?? {})) {
      if (/^[23]/.test(code)) continue;
      const response = deref<ResponseObject>(doc, raw as ResponseObject | ReferenceObject);
      const media = response.content?.['application/json'];
      const examples = Object.entries(media?.examples ?? {}).map(
        ([name, example]) => [name, deref<ExampleObject>(doc, example).value] as const,
      );
      if (media && 'example' in media) examples.push(['example', media.example]);
      // `default` stands for any other error; 500 is one of them.
      const status = code === 'default' ? 500 : Number(code);
      for (const [name, body] of examples) found.set(`${status} ${name}`, { status, name, body });
    }
  }
  return [...found.values()];
}

describe.each(specVendors)("$vendor.slug's documented error bodies", (specVendor) => {
  const examples = errorExamples(specVendor);
  const envelope = specVendor.facts.errorEnvelope;

  it('documents at least one error example', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)(
    '$status $name: unwrap throws ApiError with the code and message the spec points at',
    async ({ status, body }) => {
      const { fetch } = recorder(() =>
        json(body, status, { 'x-request-id': 'req-1', 'request-id': 'req-2' }),
      );
      const client = createVendorClient(specVendor.facts, { apiKey: 'test-key-123', fetch, maxRetries: 0 });
      const error = await reject(unwrap(client.request('get', '/models' as never)));
      expect(error.status).toBe(status);
      expect(error.body).toEqual(body);
      expect(error.operation).toBe('GET /models');
      // Read where the spec's error envelope says, and nowhere else: without a declaration, no message is guessed.
      // (spec-tools' pointer reader, not the runtime's own: the test does not trust what it tests.)
      const at = (pointers: readonly string[] = []) =>
        pointers
          .map((pointer) => valueAt(body, pointer))
          .find((v) => typeof v === 'string' || typeof v === 'number');
      const code = at(envelope?.code);
      const message = at(envelope?.message);
      expect(error.code).toBe(code === undefined ? undefined : String(code));
      if (envelope) expect(message).toBeDefined();
      expect(error.message).toBe(
        `GET /models: ${status}${code === undefined ? '' : ` ${code}`}: ${message ?? ''}`,
      );
      const header = envelope?.requestIdHeader;
      expect(error.requestId).toBe(
        header ? { 'x-request-id': 'req-1', 'request-id': 'req-2' }[header] : undefined,
      );
    },
  );
});
