import {
  escapeSegment,
  HTTP_METHODS,
  type OpenApiDocument,
  type OperationObject,
  type ReferenceObject,
  type ResponseObject,
  serverOf,
} from '@modelspecs/spec-tools';
import { markInvalidRequestAnswers } from './invalid-request.js';

/** The document Prism serves for one vendor, and the base path its paths now carry. */
export interface MockDocument {
  document: OpenApiDocument;
  /** The path of `servers[0].url` without a trailing slash: `/v1`, or `''` when the server URL has none. */
  basePath: string;
}

/** The path part of the spec's first server URL, with server variables replaced by their defaults. */
export function serverBasePath(doc: OpenApiDocument, where: string): string {
  return serverOf(doc, where).basePath;
}

/** Rewrites every `$ref` into `#/paths/...` so it follows its path item to the prefixed key. */
function rewritePathRefs(value: unknown, escapedBase: string): void {
  if (Array.isArray(value)) {
    for (const item of value) rewritePathRefs(item, escapedBase);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  for (const [key, child] of Object.entries(record)) {
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#/paths/')) {
      record[key] = `#/paths/${escapedBase}${child.slice('#/paths/'.length)}`;
    } else {
      rewritePathRefs(child, escapedBase);
    }
  }
}

function requiresCredentials(doc: OpenApiDocument, operation: OperationObject): boolean {
  const requirements = operation.security ?? doc.security ?? [];
  return requirements.length > 0 && !requirements.some((r) => Object.keys(r).length === 0);
}

/**
 * Derives the document a Prism mock serves from a bundled spec.
 *
 * Prism routes `paths` as written and ignores the path of `servers[0].url`, so a client configured with the
 * vendor's base URL (`.../v1`) would get 404s. Every path is therefore prefixed with the base path, which lets
 * `<mock origin><base path>` stand in for the vendor's base URL unchanged.
 *
 * Prism answers a request without credentials with the operation's documented 401 response; where an operation
 * that needs credentials documents none, it gets the spec's own 401 response from another operation, so the body
 * is the vendor's error envelope rather than Prism's problem+json.
 *
 * Every operation also carries the vendor's answer to an invalid request (see `invalidRequestAnswer`), which the
 * mock sends instead of whatever Prism or its HTTP layer would say about a body that does not parse or a request
 * that breaks the spec.
 */
export function mockDocument(source: OpenApiDocument, where: string): MockDocument {
  const basePath = serverBasePath(source, where);
  const document = structuredClone(source);
  if (basePath !== '') {
    const prefixed: NonNullable<OpenApiDocument['paths']> = {};
    for (const [path, item] of Object.entries(document.paths ?? {})) prefixed[`${basePath}${path}`] = item;
    document.paths = prefixed;
    rewritePathRefs(document, escapeSegment(basePath));
  }
  const operations = Object.values(document.paths ?? {}).flatMap((item) =>
    HTTP_METHODS.map((method) => item[method]).filter((op): op is OperationObject => op !== undefined),
  );
  const documented401 = operations.find((op) => op.responses?.['401'])?.responses?.['401'] as
    | ResponseObject
    | ReferenceObject
    | undefined;
  if (documented401) {
    for (const operation of operations) {
      if (requiresCredentials(document, operation) && !operation.responses?.['401']) {
        operation.responses = { ...operation.responses, '401': structuredClone(documented401) };
      }
    }
  }
  markInvalidRequestAnswers(document);
  document.servers = [
    {
      url: basePath === '' ? '/' : basePath,
      description: `Local mock of ${source.servers?.[0]?.url}: paths carry the base path, served from the mock's origin`,
    },
  ];
  return { document, basePath };
}
