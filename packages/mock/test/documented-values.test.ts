// Every value a spec lists for a response field (its schema `examples`) is served by the mock: the static
// examples together cover the documented values, so a client tested against the mock meets each of them. And
// every header a success response declares is answered with its documented example, never an invented value.
import {
  deref,
  discoverVendors,
  exampleRequest,
  type HeaderObject,
  isReference,
  listOperations,
  type MediaTypeObject,
  type OpenApiDocument,
  type ResponseObject,
} from '@modelspecs/spec-tools';
import { describe, expect, it } from 'vitest';
import { answeredStatus, exampleMocks, loadSpecs, repoRoot, send, successStatus } from './support/helpers.js';

type Schema = Record<string, unknown>;
const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Property name -> the scalar values its schema lists in `examples`, for every schema a response can carry. */
function documentedValues(doc: OpenApiDocument): Map<string, Set<unknown>> {
  const listed = new Map<string, Set<unknown>>();
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const schema = (isReference(node) ? deref<Schema>(doc, node) : node) as Schema;
    if (schema !== node) {
      visit(schema);
      return;
    }
    for (const [name, raw] of Object.entries((schema.properties ?? {}) as Record<string, unknown>)) {
      const property = (isReference(raw) ? deref<Schema>(doc, raw) : raw) as Schema;
      const values = Array.isArray(property.examples) ? property.examples.filter(isScalar) : [];
      if (values.length > 0) {
        const set = listed.get(name) ?? new Set();
        for (const value of values) set.add(value);
        listed.set(name, set);
      }
      visit(raw);
    }
    for (const key of ['items', 'additionalProperties']) visit(schema[key]);
    for (const key of ['oneOf', 'anyOf', 'allOf']) {
      if (Array.isArray(schema[key])) for (const part of schema[key] as unknown[]) visit(part);
    }
  };
  for (const { operation } of listOperations(doc)) {
    for (const response of Object.values(operation.responses ?? {})) {
      for (const media of Object.values(deref<ResponseObject>(doc, response).content ?? {})) {
        visit((media as MediaTypeObject).schema);
      }
    }
  }
  return listed;
}

/** Every scalar under every key of a served body, by key. */
function collect(body: unknown, into: Map<string, Set<unknown>>): void {
  if (Array.isArray(body)) {
    for (const item of body) collect(item, into);
    return;
  }
  if (body === null || typeof body !== 'object') return;
  for (const [key, value] of Object.entries(body)) {
    if (isScalar(value)) {
      const set = into.get(key) ?? new Set();
      set.add(value);
      into.set(key, set);
    } else collect(value, into);
  }
}

const specs = await loadSpecs(discoverVendors(repoRoot));

const mocks = exampleMocks();

describe.each(specs)('$vendor.slug', ({ vendor, doc }) => {
  it('serves every documented value of every listed response field among its static examples', async () => {
    const mock = mocks().mocks.find((m) => m.slug === vendor.slug)!;
    const served = new Map<string, Set<unknown>>();
    for (const entry of listOperations(doc)) {
      const request = exampleRequest(doc, entry);
      for (const [key, response] of Object.entries(entry.operation.responses ?? {})) {
        // `default` answers any status the operation does not declare; 599 is one no operation declares.
        const status = key === 'default' ? 599 : answeredStatus(key);
        for (const media of Object.values(deref<ResponseObject>(doc, response).content ?? {})) {
          for (const name of Object.keys((media as MediaTypeObject).examples ?? {})) {
            const answer = await send(mock.baseUrl, request, mock.credentials, {
              prefer: `code=${status}, example=${name}`,
            });
            expect(answer.status, `${entry.pointer} ${key} example ${name}`).toBe(status);
            collect(answer.body, served);
          }
        }
      }
    }
    const listed = documentedValues(doc);
    expect(listed.size, 'the spec lists documented values').toBeGreaterThan(0);
    const missing = [...listed].flatMap(([field, values]) =>
      [...values].filter((v) => !served.get(field)?.has(v)).map((v) => `${field}: ${JSON.stringify(v)}`),
    );
    expect(missing, `specs/${vendor.slug}/openapi.yaml: documented values no example serves`).toEqual([]);
  });
});

describe.each(specs)('$vendor.slug headers', ({ vendor, doc }) => {
  it('answers every header a success response declares with its example', async () => {
    const mock = mocks().mocks.find((m) => m.slug === vendor.slug)!;
    const expected: string[] = [];
    const answered: string[] = [];
    for (const entry of listOperations(doc)) {
      const success = deref<ResponseObject>(doc, entry.operation.responses![successStatus(entry)]!);
      if (!success.headers) continue;
      const response = await send(mock.baseUrl, exampleRequest(doc, entry), mock.credentials);
      for (const [name, raw] of Object.entries(success.headers)) {
        const header = deref<HeaderObject & { example?: unknown; schema?: { examples?: unknown[] } }>(
          doc,
          raw,
        );
        const example = 'example' in header ? header.example : header.schema?.examples?.[0];
        expected.push(`${entry.pointer} ${name}: ${String(example)}`);
        answered.push(`${entry.pointer} ${name}: ${response.headers.get(name)}`);
      }
    }
    expect(answered).toEqual(expected);
  });
});
