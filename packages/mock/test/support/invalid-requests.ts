// The invalid-request probes: for each operation, requests the mock cannot accept (a body that is not JSON, a body or
// parameter that breaks the spec, a content type the operation does not take), and the suite that sends them to the
// real Prism and expects the vendor's documented invalid-request answer. Used on fixture specs
// (test/hostile/invalid-requests.test.ts) and on each vendor's spec (test/vendor/invalid-requests.test.ts).
import {
  child,
  DocumentSchemas,
  deref,
  describeErrors,
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
import type { SharedMocks } from '@modelspecs/testkit';
import { expect, it } from 'vitest';
import type { RunningMock } from '../../src/index.js';
import type { LoadedSpec } from './helpers.js';

interface Probe {
  what: string;
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

/** A value that breaks the parameter's schema, or undefined when any string is valid. */
export function invalidValue(doc: OpenApiDocument, param: ParameterObject): string | undefined {
  const schema = deref<JsonSchema>(doc, (param.schema ?? {}) as JsonSchema);
  if (Array.isArray(schema.enum)) return 'modelspecs-not-in-the-enum';
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'integer' || type === 'number') return 'not-a-number';
  if (type === 'boolean') return 'maybe';
  return undefined;
}

/** Every way to send `entry` a request it must refuse, built from the spec's own example request. */
export function probes(doc: OpenApiDocument, entry: OperationEntry, mock: RunningMock): Probe[] {
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
export function expectedStatus(entry: OperationEntry): number {
  const responses = entry.operation.responses ?? {};
  if ('400' in responses) return 400;
  if ('422' in responses) return 422;
  return 400;
}

export async function send(probe: Probe): Promise<{ status: number; contentType: string; body: unknown }> {
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

export function invalidRequestSuite(
  specs: () => LoadedSpec[],
  mocks: () => SharedMocks<RunningMock>,
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
