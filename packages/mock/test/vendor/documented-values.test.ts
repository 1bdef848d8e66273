// Every value a spec lists for a response field (its schema `examples`) is served by the mock: the static
// examples together cover the documented values, so a client tested against the mock meets each of them. A value
// counts only where the spec lists it: at the schema location (JSON pointer) of its field, so two fields that share
// a name (a model's `status` and a deployment's `status`) cannot cover for each other. And every header a success
// response declares is answered with its documented example, never an invented value. Run for the vendor by its spec
// package's `test:vendor` task (see vitest.vendor.config.ts).
import {
  child,
  deref,
  type ExampleObject,
  exampleRequest,
  followRefs,
  type HeaderObject,
  listOperations,
  type OpenApiDocument,
  type ResponseObject,
} from '@modelspecs/spec-tools';
import { vendorsUnderTest } from '@modelspecs/testkit';
import { describe, expect, it } from 'vitest';
import {
  answeredStatus,
  loadSpecs,
  repoRoot,
  responseFor,
  send,
  sharedMocks,
  successStatus,
} from '../support/helpers.js';

type Schema = Record<string, unknown>;
/** Schema location (JSON pointer where the field's schema lives, `$ref`s followed) -> scalar values. */
type ByLocation = Map<string, Set<unknown>>;

const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const COMBINATORS = ['oneOf', 'anyOf', 'allOf'] as const;

function add(into: ByLocation, at: string, value: unknown): void {
  const set = into.get(at) ?? new Set();
  set.add(value);
  into.set(at, set);
}

/** The JSON schema of every response of every operation, with the pointer where it lives. */
function responseSchemas(
  doc: OpenApiDocument,
): { key: string; schema: unknown; pointer: string; examples: unknown[] }[] {
  return listOperations(doc).flatMap((entry) =>
    Object.keys(entry.operation.responses ?? {}).flatMap((key) => {
      const found = responseFor(doc, entry, key);
      if (!found?.json?.schema || !found.schemaPointer) return [];
      const examples = Object.values(found.json.examples ?? {}).map(
        (e) => deref<ExampleObject>(doc, e).value,
      );
      return [{ key, schema: found.json.schema, pointer: found.schemaPointer, examples }];
    }),
  );
}

/** The scalar values each schema location of the responses lists in `examples`. */
function documentedValues(doc: OpenApiDocument): ByLocation {
  const listed: ByLocation = new Map();
  const seen = new Set<string>();
  const visit = (raw: unknown, pointer: string): void => {
    if (!isObject(raw)) return;
    const { value: schema, pointer: at } = followRefs<Schema>(doc, raw, pointer);
    if (seen.has(at)) return;
    seen.add(at);
    for (const value of Array.isArray(schema.examples) ? schema.examples.filter(isScalar) : [])
      add(listed, at, value);
    for (const [name, property] of Object.entries((schema.properties ?? {}) as Schema)) {
      visit(property, child(at, 'properties', name));
    }
    visit(schema.items, child(at, 'items'));
    visit(schema.additionalProperties, child(at, 'additionalProperties'));
    for (const key of COMBINATORS) {
      const parts = Array.isArray(schema[key]) ? (schema[key] as unknown[]) : [];
      for (const [i, part] of parts.entries()) visit(part, child(at, key, i));
    }
  };
  for (const { schema, pointer } of responseSchemas(doc)) visit(schema, pointer);
  return listed;
}

/** Records every scalar of a body at the schema location that describes it (walking the schema beside the body). */
function servedValues(
  doc: OpenApiDocument,
  raw: unknown,
  pointer: string,
  body: unknown,
  into: ByLocation,
): void {
  if (!isObject(raw)) return;
  const { value: schema, pointer: at } = followRefs<Schema>(doc, raw, pointer);
  if (isScalar(body)) add(into, at, body);
  else if (Array.isArray(body)) {
    for (const item of body) servedValues(doc, schema.items, child(at, 'items'), item, into);
  } else if (isObject(body)) {
    const properties = (schema.properties ?? {}) as Schema;
    for (const [name, value] of Object.entries(body)) {
      if (name in properties) servedValues(doc, properties[name], child(at, 'properties', name), value, into);
      else servedValues(doc, schema.additionalProperties, child(at, 'additionalProperties'), value, into);
    }
  }
  for (const key of COMBINATORS) {
    const parts = Array.isArray(schema[key]) ? (schema[key] as unknown[]) : [];
    for (const [i, part] of parts.entries()) servedValues(doc, part, child(at, key, i), body, into);
  }
}

/** `location: value` for every documented value that nothing served. */
function uncovered(listed: ByLocation, served: ByLocation): string[] {
  return [...listed].flatMap(([at, values]) =>
    [...values].filter((v) => !served.get(at)?.has(v)).map((v) => `${at}: ${JSON.stringify(v)}`),
  );
}

/** What the spec's own named response examples serve, location by location. */
function staticExamplesServe(doc: OpenApiDocument): ByLocation {
  const served: ByLocation = new Map();
  for (const { schema, pointer, examples } of responseSchemas(doc)) {
    for (const example of examples) servedValues(doc, schema, pointer, example, served);
  }
  return served;
}

describe('documented values are matched by schema location', () => {
  // Two fields named `status`: the top-level one lists `ready`, the job's lists `ready` and `failed`.
  const status = (examples: string[]) => ({ type: 'string', examples });
  const doc = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {
      '/things': {
        get: {
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      status: status(['ready']),
                      job: { $ref: '#/components/schemas/Job' },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    components: { schemas: { Job: { type: 'object', properties: { status: status(['ready', 'failed']) } } } },
  } as unknown as OpenApiDocument;
  const schemaPointer = '#/paths/~1things/get/responses/200/content/application~1json/schema';
  const serve = (body: unknown): ByLocation => {
    const served: ByLocation = new Map();
    servedValues(doc, deref<Schema>(doc, { $ref: schemaPointer }), schemaPointer, body, served);
    return served;
  };

  it('lists each field under its own location', () => {
    expect([...documentedValues(doc)].map(([at, values]) => [at, [...values]])).toEqual([
      [`${schemaPointer}/properties/status`, ['ready']],
      ['#/components/schemas/Job/properties/status', ['ready', 'failed']],
    ]);
  });

  it('does not let a value served under one field cover the same-named field elsewhere', () => {
    // By name alone, `status` would be served as both `failed` and `ready`: every value covered.
    expect(uncovered(documentedValues(doc), serve({ status: 'failed', job: { status: 'ready' } }))).toEqual([
      `${schemaPointer}/properties/status: "ready"`,
      '#/components/schemas/Job/properties/status: "failed"',
    ]);
    expect(uncovered(documentedValues(doc), serve({ status: 'ready', job: { status: 'failed' } }))).toEqual([
      '#/components/schemas/Job/properties/status: "ready"',
    ]);
  });
});

const specs = await loadSpecs(vendorsUnderTest(repoRoot));

describe.each(specs)('$vendor.slug static examples', ({ vendor, doc }) => {
  it('cover every documented value, and a value removed from them is reported at its location', () => {
    const listed = documentedValues(doc);
    expect(listed.size, 'the spec lists documented values').toBeGreaterThan(0);
    const served = staticExamplesServe(doc);
    expect(uncovered(listed, served), `specs/${vendor.slug}/openapi.yaml`).toEqual([]);
    // Take one documented value out of what the examples serve: the check names that location and value.
    const [at, values] = [...listed][0]!;
    const [value] = [...values];
    const without: ByLocation = new Map([...served].map(([k, v]) => [k, new Set(v)]));
    without.get(at)!.delete(value);
    expect(uncovered(listed, without)).toEqual([`${at}: ${JSON.stringify(value)}`]);
  });
});

describe.each(specs)('$vendor.slug', ({ vendor, doc }) => {
  it('serves every documented value of every listed response field, at its location, among its static examples', async () => {
    const mock = sharedMocks().mocks.find((m) => m.slug === vendor.slug)!;
    const served: ByLocation = new Map();
    for (const entry of listOperations(doc)) {
      const request = exampleRequest(doc, entry);
      for (const key of Object.keys(entry.operation.responses ?? {})) {
        // `default` answers any status the operation does not declare; 599 is one no operation declares.
        const status = key === 'default' ? 599 : answeredStatus(key);
        const found = responseFor(doc, entry, key);
        for (const name of Object.keys(found?.json?.examples ?? {})) {
          const answer = await send(mock.baseUrl, request, mock.credentials, {
            prefer: `code=${status}, example=${name}`,
          });
          expect(answer.status, `${entry.pointer} ${key} example ${name}`).toBe(status);
          servedValues(doc, found!.json!.schema, found!.schemaPointer!, answer.body, served);
        }
      }
    }
    const listed = documentedValues(doc);
    expect(listed.size, 'the spec lists documented values').toBeGreaterThan(0);
    expect(
      uncovered(listed, served),
      `specs/${vendor.slug}/openapi.yaml: documented values no example serves`,
    ).toEqual([]);
  });
});

describe.each(specs)('$vendor.slug headers', ({ vendor, doc }) => {
  it('answers every header a success response declares with its example', async () => {
    const mock = sharedMocks().mocks.find((m) => m.slug === vendor.slug)!;
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
