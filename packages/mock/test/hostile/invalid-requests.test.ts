// A request the mock cannot accept (a body that is not JSON, a body or parameter that breaks the spec, a content
// type the operation does not take) gets the vendor's documented invalid-request answer from the real Prism, never
// Prism's own problem+json or its HTTP layer's `{"error":{"code":"invalid_json"}}`.
import { join } from 'node:path';
import {
  child,
  DocumentSchemas,
  deref,
  describeErrors,
  discoverVendors,
  documentedResponse,
  exampleRequest,
  fillPath,
  firstJsonMediaType,
  type JsonSchema,
  listOperations,
  type OpenApiDocument,
  type OperationEntry,
  type ParameterObject,
} from '@modelspecs/spec-tools';
import { describe, expect, it } from 'vitest';
import type { RunningMock } from '../../src/index.js';
import {
  exampleMocks,
  fixtures,
  type LoadedSpec,
  loadSpecs,
  mocksForSuite,
  repoRoot,
  type SharedMocks,
} from '../support/helpers.js';

interface Probe {
  what: string;
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

/** A value that breaks the parameter's schema, or undefined when any string is valid. */
function invalidValue(doc: OpenApiDocument, param: ParameterObject): string | undefined {
  const schema = deref<JsonSchema>(doc, (param.schema ?? {}) as JsonSchema);
  if (Array.isArray(schema.enum)) return 'modelspecs-not-in-the-enum';
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'integer' || type === 'number') return 'not-a-number';
  if (type === 'boolean') return 'maybe';
  return undefined;
}

/** Every way to send `entry` a request it must refuse, built from the spec's own example request. */
function probes(doc: OpenApiDocument, entry: OperationEntry, mock: RunningMock): Probe[] {
  const example = exampleRequest(doc, entry);
  const url = new URL(`${mock.baseUrl}${fillPath(example.path, example.pathParams)}`);
  for (const [name, value] of Object.entries({ ...example.query, ...mock.credentials.query })) {
    url.searchParams.set(name, String(value));
  }
  const headers = { ...example.headers, ...mock.credentials.headers };
  const method = example.method;
  const json = { ...headers, 'content-type': example.contentType ?? 'application/json' };
  const body = example.body === undefined ? undefined : JSON.stringify(example.body);
  const found: Probe[] = [];
  if (entry.operation.requestBody) {
    found.push(
      { what: 'a body that is not JSON', method, url, headers: json, body: '{"name": [' },
      { what: 'a body cut short', method, url, headers: json, body: body?.slice(0, -1) ?? '{' },
      { what: 'a JSON array for an object', method, url, headers: json, body: '[1, 2]' },
      {
        what: 'a content type the operation does not take',
        method,
        url,
        headers: { ...headers, 'content-type': 'text/plain' },
        body: 'hello',
      },
    );
  }
  for (const param of entry.parameters) {
    const value = invalidValue(doc, param);
    if (value === undefined) continue;
    const what = `an invalid ${param.in} parameter ${param.name}`;
    if (param.in === 'query') {
      const bad = new URL(url);
      bad.searchParams.set(param.name, value);
      found.push({ what, method, url: bad, headers: json, body });
    } else if (param.in === 'header') {
      found.push({ what, method, url, headers: { ...json, [param.name]: value }, body });
    } else if (param.in === 'path') {
      const bad = new URL(
        `${mock.baseUrl}${fillPath(example.path, { ...example.pathParams, [param.name]: value })}`,
      );
      bad.search = url.search;
      found.push({ what, method, url: bad, headers: json, body });
    }
  }
  return found;
}

/** The status the vendor documents for an invalid request: its 400, else its 422, else 400. */
function expectedStatus(entry: OperationEntry): number {
  const responses = entry.operation.responses ?? {};
  if ('400' in responses) return 400;
  if ('422' in responses) return 422;
  return 400;
}

async function send(probe: Probe): Promise<{ status: number; contentType: string; body: unknown }> {
  const response = await fetch(probe.url, { method: probe.method, headers: probe.headers, body: probe.body });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Kept as text: the assertions below then fail with the text in the message.
  }
  return { status: response.status, contentType, body };
}

/** The schema pointer of a documented response's JSON body. */
function schemaOf(doc: OpenApiDocument, entry: OperationEntry, status: number): string | undefined {
  const response = documentedResponse(doc, entry, status);
  const media = response && firstJsonMediaType(response);
  return media?.value.schema ? child(media.pointer, 'schema') : undefined;
}

/** Every documented 4xx JSON error schema of the spec (for answers borrowed from another operation). */
function errorSchemas(doc: OpenApiDocument): string[] {
  return listOperations(doc).flatMap((entry) =>
    Object.keys(entry.operation.responses ?? {})
      .filter((key) => /^4\d\d$/.test(key))
      .map((key) => schemaOf(doc, entry, Number(key)))
      .filter((pointer): pointer is string => pointer !== undefined),
  );
}

function invalidRequestSuite(
  specs: () => LoadedSpec[],
  mocks: () => SharedMocks,
  expected: (entry: OperationEntry) => number = expectedStatus,
): void {
  it('has something to refuse', () => {
    const total = specs().flatMap(({ doc, vendor }) =>
      listOperations(doc).flatMap((entry) =>
        probes(doc, entry, mocks().mocks.find((m) => m.slug === vendor.slug)!),
      ),
    );
    expect(total.length).toBeGreaterThan(0);
  });

  it("answers every invalid request with the vendor's documented status and error body", async () => {
    const failures: string[] = [];
    for (const { vendor, doc } of specs()) {
      const mock = mocks().mocks.find((m) => m.slug === vendor.slug)!;
      const schemas = new DocumentSchemas(doc);
      const borrowed = errorSchemas(doc);
      for (const entry of listOperations(doc)) {
        for (const probe of probes(doc, entry, mock)) {
          const at = `${vendor.slug} ${probe.method} ${entry.path} with ${probe.what}`;
          const answer = await send(probe);
          const status = expected(entry);
          if (answer.status !== status) failures.push(`${at}: status ${answer.status}, expected ${status}`);
          if (!/^application\/json\b/.test(answer.contentType)) {
            failures.push(`${at}: content type ${answer.contentType}`);
          }
          const own = schemaOf(doc, entry, status);
          const candidates =
            own && documentedResponse(doc, entry, status)?.key === String(status) ? [own] : borrowed;
          const valid = candidates.some((pointer) => schemas.validate(pointer, answer.body).length === 0);
          if (!valid) {
            const reasons = candidates.map((pointer) =>
              describeErrors(schemas.validate(pointer, answer.body)),
            );
            failures.push(
              `${at}: body ${JSON.stringify(answer.body)} breaks ${candidates.join(', ')}: ${reasons}`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
}

// Only the vendors with something to refuse: a request body or a constrained parameter.
const repoSpecs = (await loadSpecs(discoverVendors(repoRoot))).filter(({ doc }) =>
  listOperations(doc).some(
    (entry) =>
      entry.operation.requestBody || entry.parameters.some((p) => invalidValue(doc, p) !== undefined),
  ),
);

describe("this repository's specs", () => {
  const specs = repoSpecs;
  const mocks = exampleMocks();

  it('include operations with a request body', () => {
    expect(specs.some(({ doc }) => listOperations(doc).some((entry) => entry.operation.requestBody))).toBe(
      true,
    );
  });

  invalidRequestSuite(() => specs, mocks);

  it('still answers a documented 422 on `Prefer: code=422` to a valid request', async () => {
    for (const { vendor, doc } of specs) {
      const mock = mocks().mocks.find((m) => m.slug === vendor.slug)!;
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
    }
  });
});

const fixtureRoot = join(fixtures, 'invalid-requests');
const fixtureSpecs = await loadSpecs(discoverVendors(fixtureRoot), fixtureRoot);

describe('fixture specs that document 400 and 422, 422 only, or neither', () => {
  const root = fixtureRoot;
  const specs = fixtureSpecs;
  const mocks = mocksForSuite({ root });

  invalidRequestSuite(() => specs, mocks);

  it("answers 400 with the spec's documented 400 body where the operation documents none", async () => {
    const mock = mocks().mocks.find((m) => m.slug === 'errors')!;
    const answer = await send({
      what: 'a body that is not JSON',
      method: 'POST',
      url: new URL(`${mock.baseUrl}/undocumented`),
      headers: { ...mock.credentials.headers, 'content-type': 'application/json' },
      body: 'not json',
    });
    expect(answer).toEqual({
      status: 400,
      contentType: 'application/json',
      body: { error: { message: 'The request is malformed', kind: 'bad_request' } },
    });
  });

  it('prefers the documented 400 to the 422 and answers 422 where only 422 is documented', async () => {
    const mock = mocks().mocks.find((m) => m.slug === 'errors')!;
    const headers = { ...mock.credentials.headers, 'content-type': 'application/json' };
    const both = await send({
      what: '',
      method: 'POST',
      url: new URL(`${mock.baseUrl}/both`),
      headers,
      body: '{}',
    });
    expect(both.status).toBe(400);
    expect(both.body).toEqual({ error: { message: 'The request is malformed', kind: 'bad_request' } });
    const only = await send({
      what: '',
      method: 'PUT',
      url: new URL(`${mock.baseUrl}/unprocessable-only`),
      headers,
      body: '{',
    });
    expect(only.status).toBe(422);
    expect(only.body).toEqual({
      error: { message: 'The request cannot be processed', kind: 'unprocessable' },
    });
  });

  it("answers 400 with the operation's own error body when the spec documents no 400 or 422 at all", async () => {
    const mock = mocks().mocks.find((m) => m.slug === 'bare')!;
    const answer = await send({
      what: '',
      method: 'POST',
      url: new URL(`${mock.baseUrl}/things`),
      headers: { ...mock.credentials.headers, 'content-type': 'application/json' },
      body: '{"name": 1}',
    });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual({ detail: 'Not authenticated' });
  });

  it('keeps the documented 401 for a request without credentials, however malformed', async () => {
    const mock = mocks().mocks.find((m) => m.slug === 'errors')!;
    const answer = await send({
      what: '',
      method: 'POST',
      url: new URL(`${mock.baseUrl}/both`),
      headers: { 'content-type': 'application/json' },
      body: '[]',
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: { message: 'No key', kind: 'unauthorized' } });
  });
});
