import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bundleSpec,
  child,
  type ExampleRequest,
  fillPath,
  firstJsonMediaType,
  followRefs,
  type MediaTypeObject,
  type OpenApiDocument,
  type OperationEntry,
  operationSecurity,
  type ResponseObject,
  type Vendor,
} from '@modelspecs/spec-tools';
import { type SharedMocks, sharedMocks as sharedMocksOf } from '@modelspecs/testkit';
import { afterAll, beforeAll } from 'vitest';
import {
  type MockCredentials,
  type RunningMock,
  type RunningMocks,
  type StartMocksOptions,
  startMocks,
} from '../../src/index.js';

export { eventually, isRunning, mockChildren } from '@modelspecs/testkit';
export { freePortBase } from '../../src/index.js';

export const packageDir: string = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const repoRoot: string = join(packageDir, '..', '..');
export const fixtures: string = join(packageDir, 'test', 'fixtures');
/**
 * Three small vendors (a workspace with `specs/`) for the tests of the tool itself: starting, stopping, ports,
 * processes and the command. The checkout's vendor specs are checked in the per-vendor suites (test/vendor/).
 */
export const vendorsRoot: string = join(fixtures, 'three-vendors');
export const cliBin: string = join(packageDir, 'bin', 'modelspecs-mock.js');

export interface LoadedSpec {
  vendor: Vendor;
  doc: OpenApiDocument;
}

export async function loadSpecs(vendors: readonly Vendor[], root: string = repoRoot): Promise<LoadedSpec[]> {
  return Promise.all(
    vendors.map(async (vendor) => ({ vendor, doc: await bundleSpec(vendor.specFile, root) })),
  );
}

/** An operation's response for exactly `status`, dereferenced, with its JSON media type and its schema's pointer. */
export function responseFor(
  doc: OpenApiDocument,
  entry: OperationEntry,
  status: string,
): { response: ResponseObject; json?: MediaTypeObject; schemaPointer?: string } | undefined {
  const raw = entry.operation.responses?.[status];
  if (!raw) return undefined;
  const response = followRefs<ResponseObject>(doc, raw, child(entry.pointer, 'responses', status));
  const json = firstJsonMediaType(response);
  return {
    response: response.value,
    json: json?.value,
    schemaPointer: json?.value.schema ? child(json.pointer, 'schema') : undefined,
  };
}

/** The success response Prism answers with: the lowest 2xx key the operation documents (`200`, or a `2XX` range). */
export function successStatus(entry: OperationEntry): string {
  const status = Object.keys(entry.operation.responses ?? {})
    .filter((s) => /^2(\d\d|XX)$/i.test(s))
    .sort()[0];
  if (!status) throw new Error(`${entry.pointer} documents no 2xx response`);
  return status;
}

/** The HTTP status Prism sends for a documented key: the code itself, or the range's first code (`2XX` -> 200). */
export const answeredStatus = (key: string): number => Number(key.replace(/XX$/i, '00'));

/** Whether an operation needs credentials (its own `security`, else the document's). */
export function requiresCredentials(doc: OpenApiDocument, entry: OperationEntry): boolean {
  const alternatives = operationSecurity(doc, entry);
  return alternatives.length > 0 && !alternatives.some((schemes) => schemes.length === 0);
}

/** Sends an example request to a mock with real HTTP; returns the status and the parsed body. */
export async function send(
  baseUrl: string,
  request: ExampleRequest,
  credentials: MockCredentials = { headers: {}, query: {} },
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: unknown; contentType: string; headers: Headers }> {
  const url = new URL(`${baseUrl}${fillPath(request.path, request.pathParams)}`);
  for (const [name, value] of Object.entries({ ...request.query, ...credentials.query })) {
    url.searchParams.set(name, String(value));
  }
  const headers: Record<string, string> = { ...request.headers, ...credentials.headers, ...extraHeaders };
  let body: string | undefined;
  if (request.body !== undefined) {
    headers['content-type'] = request.contentType ?? 'application/json';
    body = JSON.stringify(request.body);
  }
  const response = await fetch(url, { method: request.method, headers, body });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    body: text && /json/.test(contentType) ? JSON.parse(text) : text,
    contentType,
    headers: response.headers,
  };
}

/** The example mocks the per-vendor suites share (see vitest.vendor.setup.ts), with the mock's own type. */
export const sharedMocks = (): SharedMocks<RunningMock> => sharedMocksOf<RunningMock>();

/** Starts mocks before the enclosing suite's tests and stops them after; returns a getter for the running mocks. */
export function mocksForSuite(options: StartMocksOptions): () => RunningMocks {
  let running: RunningMocks | undefined;
  beforeAll(async () => {
    running = await startMocks(options);
  }, 120_000);
  afterAll(async () => {
    await running?.stop();
  });
  return () => {
    if (!running) throw new Error('The mocks of this suite did not start');
    return running;
  };
}
