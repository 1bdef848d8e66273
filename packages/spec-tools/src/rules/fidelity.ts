// Conventions that keep a spec faithful to what its sources say and usable by the tools downstream:
// open objects say how open they are, every header has an example (so mocks never invent one), and a
// success status that no source fixes is a range, not a pinned code.
import type { CheckResult } from '../checks.js';
import { deref, isReference, listOperations, type OpenApiDocument, type ResponseObject } from '../openapi.js';
import { pointerSegments, toPointer } from '../pointer.js';
import type { SourceLocator } from '../source-locator.js';

type Node = Record<string, unknown>;
type Path = (string | number)[];

const isNode = (value: unknown): value is Node =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Keys whose values are not part of the document's structure (values, extensions) and are never walked. */
const VALUE_KEYS = new Set(['example', 'examples', 'default', 'const', 'enum', 'value']);
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_SINGLES = [
  'items',
  'additionalProperties',
  'unevaluatedProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
];

/** Calls `visit` on every schema of the document (components, parameters, headers, media types, nested). */
export function walkSchemas(doc: OpenApiDocument, visit: (schema: Node, path: Path) => void): void {
  const schema = (node: unknown, path: Path): void => {
    if (!isNode(node)) return;
    visit(node, path);
    for (const key of SCHEMA_MAPS) {
      if (isNode(node[key])) {
        for (const [name, child] of Object.entries(node[key] as Node)) schema(child, [...path, key, name]);
      }
    }
    for (const key of SCHEMA_LISTS) {
      if (!Array.isArray(node[key])) continue;
      (node[key] as unknown[]).forEach((c, i) => {
        schema(c, [...path, key, i]);
      });
    }
    for (const key of SCHEMA_SINGLES) schema(node[key], [...path, key]);
  };
  const structure = (node: unknown, path: Path): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        structure(item, [...path, i]);
      });
      return;
    }
    if (!isNode(node)) return;
    for (const [key, child] of Object.entries(node)) {
      if (key.startsWith('x-') || VALUE_KEYS.has(key)) continue;
      if (key === 'schema') schema(child, [...path, key]);
      else if (key === 'schemas' && path.length === 1 && path[0] === 'components' && isNode(child)) {
        for (const [name, s] of Object.entries(child)) schema(s, [...path, key, name]);
      } else structure(child, [...path, key]);
    }
  };
  structure(doc, []);
}

const hasType = (schema: Node, type: string) =>
  schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));

/**
 * An object schema that lists no `properties` and says nothing of `additionalProperties` generates
 * `Record<string, never>`: a type no value can have. The docs say how open such an object is; the spec must too.
 */
export function openObjectsWithoutAdditionalProperties(doc: OpenApiDocument): { pointer: string }[] {
  const found: { pointer: string }[] = [];
  walkSchemas(doc, (schema, path) => {
    if (!hasType(schema, 'object')) return;
    const composed = ['allOf', 'anyOf', 'oneOf', '$ref', 'patternProperties', 'unevaluatedProperties'].some(
      (k) => k in schema,
    );
    if (!('properties' in schema) && !('additionalProperties' in schema) && !composed) {
      found.push({ pointer: toPointer(path) });
    }
  });
  return found;
}

/** Every header definition (components and inline) without `example` or `examples`: mocks would invent a value. */
export function headersWithoutExample(doc: OpenApiDocument): { pointer: string; name: string }[] {
  const found: { pointer: string; name: string }[] = [];
  const check = (headers: unknown, path: Path) => {
    if (!isNode(headers)) return;
    for (const [name, header] of Object.entries(headers)) {
      if (!isNode(header) || isReference(header)) continue;
      const hasExample =
        'example' in header ||
        (isNode(header.examples) && Object.keys(header.examples).length > 0) ||
        (isNode(header.schema) &&
          Array.isArray((header.schema as Node).examples) &&
          ((header.schema as Node).examples as unknown[]).length > 0);
      if (!hasExample) found.push({ pointer: toPointer([...path, name]), name });
    }
  };
  check(doc.components?.headers, ['components', 'headers']);
  for (const [name, response] of Object.entries(doc.components?.responses ?? {})) {
    if (!isReference(response)) check(response.headers, ['components', 'responses', name, 'headers']);
  }
  for (const { operation, pointer } of listOperations(doc)) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      if (!isReference(response)) {
        check(response.headers, [...pointerSegments(pointer), 'responses', status, 'headers']);
      }
    }
  }
  return found;
}

/**
 * An operation whose only success response is one exact code, on a response marked `x-assumption`: the code is
 * not known, so the spec must accept the range (`2XX`) and say so instead of pinning a guess.
 */
export function pinnedAssumedSuccesses(doc: OpenApiDocument): { pointer: string; status: string }[] {
  const found: { pointer: string; status: string }[] = [];
  for (const { operation, pointer } of listOperations(doc)) {
    const successes = Object.keys(operation.responses ?? {}).filter((s) => /^2/i.test(s));
    if (successes.length !== 1 || !/^2\d\d$/.test(successes[0]!)) continue;
    const status = successes[0]!;
    const response = deref<ResponseObject>(doc, operation.responses![status]!) as ResponseObject & Node;
    if (response && 'x-assumption' in response) {
      found.push({ pointer: `${pointer}/responses/${status}`, status });
    }
  }
  return found;
}

/** The fidelity conventions as one lint check. */
export function checkFidelity(doc: OpenApiDocument, locator?: SourceLocator): CheckResult {
  const at = (pointer: string) => (locator ? `${locator.locate(pointer)} ${pointer}` : pointer);
  const problems = [
    ...openObjectsWithoutAdditionalProperties(doc).map(
      ({ pointer }) =>
        `${at(pointer)}: an object schema without "properties" must set "additionalProperties" (true, a schema, or false) as the docs describe it`,
    ),
    ...headersWithoutExample(doc).map(
      ({ pointer, name }) =>
        `${at(pointer)}: header "${name}" has no example; give one (mark it x-assumption if no source shows a value) so mocks do not invent one`,
    ),
    ...pinnedAssumedSuccesses(doc).map(
      ({ pointer, status }) =>
        `${at(pointer)}: the only success status ${status} is marked x-assumption; accept the range "2XX" instead of pinning an undocumented code`,
    ),
  ];
  return {
    name: 'fidelity conventions (open objects, header examples, unpinned assumed success statuses)',
    problems,
  };
}
