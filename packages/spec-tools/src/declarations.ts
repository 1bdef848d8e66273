// The readers of the project's `x-modelspecs-*` declarations (designed in CONTRIBUTING.md, checked by
// rules/declarations.ts). Every tool that needs the list -> get relation or the error envelope asks here.
import { SpecError } from './errors.js';
import { extensionViolations } from './extensions/validate.js';
import { isJsonMediaType } from './lookup.js';
import {
  type JsonSchema,
  listOperations,
  type OpenApiDocument,
  type OperationEntry,
  type ResponseObject,
} from './openapi.js';
import { child, followRefs, type Located } from './pointer.js';
import { elementSchemas, schemasAt } from './schema-at.js';

/** An RFC 6901 pointer into a value (`/data`, `""` for the value itself). */
export type Pointer = string;

export interface ListDeclaration {
  /** Where the declaration is: `#/paths/~1models/get/x-modelspecs-list`. */
  pointer: string;
  /** The list operation that carries it. */
  operation: OperationEntry;
  /** Where the items are in the 2xx JSON body: alternatives, the first present wins. */
  items: Pointer[];
  /** Which property of one item is its id: alternatives, the first present wins. */
  id: Pointer[];
  /** The operation that gets one item, and the path parameter the id fills. */
  get?: { operation: OperationEntry; parameter: string };
  /** The paging part, as written (its own reader types it). */
  paging?: unknown;
  /** The catalog part, as written (its own reader types it). */
  catalog?: unknown;
}

export interface ErrorEnvelope {
  /** The schema that carries the declaration: `#/components/schemas/Error`. */
  schema: string;
  /** Where the message is in an error body: alternatives, the first present wins. */
  message: Pointer[];
  /** Where the code is (empty when the vendor sends none). */
  code: Pointer[];
  requestIdHeader?: string;
}

export interface DeclarationProblem {
  /** A pointer into the document: `#/paths/~1models/get/x-modelspecs-list/get/operationId`. */
  pointer: string;
  message: string;
}

const LIST = 'x-modelspecs-list';
const ERROR = 'x-modelspecs-error';

const asList = (value: string | string[]): string[] => (Array.isArray(value) ? [...value] : [value]);

/** Every operation that carries `x-modelspecs-list`, with the declaration as written. */
export function rawListDeclarations(
  doc: OpenApiDocument,
): { operation: OperationEntry; pointer: string; value: unknown }[] {
  return listOperations(doc)
    .filter((entry) => LIST in entry.operation)
    .map((entry) => ({
      operation: entry,
      pointer: child(entry.pointer, LIST),
      value: entry.operation[LIST],
    }));
}

/** Every component schema that carries `x-modelspecs-error`, with the declaration as written. */
export function rawErrorDeclarations(
  doc: OpenApiDocument,
): { schema: string; pointer: string; value: unknown }[] {
  return Object.entries(doc.components?.schemas ?? {})
    .filter(([, schema]) => typeof schema === 'object' && schema !== null && ERROR in schema)
    .map(([name, schema]) => {
      const at = child('#/components/schemas', name);
      return { schema: at, pointer: child(at, ERROR), value: schema[ERROR] };
    });
}

/** How a declaration breaks the extensions' JSON Schema, as problems at document pointers. */
export function shapeProblems(
  name: typeof LIST | typeof ERROR,
  pointer: string,
  value: unknown,
): DeclarationProblem[] {
  return extensionViolations(name, value).map((v) => ({
    pointer: `${pointer}${v.pointer}`,
    message: `${name} ${v.message}`,
  }));
}

/** The operation a list's `get` names, or why it cannot be used: no such operationId, or no such path parameter. */
export function resolveGet(
  doc: OpenApiDocument,
  declarationPointer: string,
  get: { operationId: string; parameter: string },
): { operation: OperationEntry } | { problem: DeclarationProblem } {
  const operations = listOperations(doc);
  const operation = operations.find((e) => e.operation.operationId === get.operationId);
  if (!operation) {
    return {
      problem: {
        pointer: child(declarationPointer, 'get', 'operationId'),
        message: `no operation has operationId "${get.operationId}" (operationIds: ${
          operations
            .map((e) => e.operation.operationId)
            .filter(Boolean)
            .join(', ') || 'none'
        })`,
      },
    };
  }
  const pathParameters = operation.parameters.filter((p) => p.in === 'path').map((p) => p.name);
  if (!pathParameters.includes(get.parameter) || !operation.path.includes(`{${get.parameter}}`)) {
    return {
      problem: {
        pointer: child(declarationPointer, 'get', 'parameter'),
        message: `${operation.method.toUpperCase()} ${operation.path} (${get.operationId}) has no path parameter "${get.parameter}" (its path parameters: ${pathParameters.join(', ') || 'none'})`,
      },
    };
  }
  return { operation };
}

function refuse(doc: OpenApiDocument, problems: DeclarationProblem[]): void {
  if (problems.length === 0) return;
  throw new SpecError(
    `${doc.info?.title ?? 'The spec'}: its x-modelspecs declarations cannot be read; \`modelspecs-spec lint\` shows where`,
    problems.map((p) => `${p.pointer}: ${p.message}`),
  );
}

/**
 * The list declarations of a document, in document order: where the items are, their id, the operation that gets
 * one. A declaration that breaks the schema or names an unknown operation or parameter is a SpecError.
 */
export function listDeclarations(doc: OpenApiDocument): ListDeclaration[] {
  const problems: DeclarationProblem[] = [];
  const found: ListDeclaration[] = [];
  for (const { operation, pointer, value } of rawListDeclarations(doc)) {
    const shape = shapeProblems(LIST, pointer, value);
    problems.push(...shape);
    if (shape.length > 0) continue;
    const raw = value as {
      items: string | string[];
      id: string | string[];
      get?: { operationId: string; parameter: string };
      paging?: unknown;
      catalog?: unknown;
    };
    const declaration: ListDeclaration = { pointer, operation, items: asList(raw.items), id: asList(raw.id) };
    if (raw.get) {
      const get = resolveGet(doc, pointer, raw.get);
      if ('problem' in get) {
        problems.push(get.problem);
        continue;
      }
      declaration.get = { operation: get.operation, parameter: raw.get.parameter };
    }
    if (raw.paging !== undefined) declaration.paging = raw.paging;
    if (raw.catalog !== undefined) declaration.catalog = raw.catalog;
    found.push(declaration);
  }
  refuse(doc, problems);
  return found;
}

/** The error envelope a document declares (`x-modelspecs-error` on one component schema), if any. */
export function errorEnvelope(doc: OpenApiDocument): ErrorEnvelope | undefined {
  const declared = rawErrorDeclarations(doc);
  const problems = declared.flatMap(({ pointer, value }) => shapeProblems(ERROR, pointer, value));
  if (declared.length > 1)
    problems.push(...declared.slice(1).map(({ pointer }) => oneEnvelopeOnly(declared[0]!.schema, pointer)));
  refuse(doc, problems);
  const [first] = declared;
  if (!first) return undefined;
  const raw = first.value as {
    message: string | string[];
    code?: string | string[];
    requestIdHeader?: string;
  };
  return {
    schema: first.schema,
    message: asList(raw.message),
    code: raw.code === undefined ? [] : asList(raw.code),
    ...(raw.requestIdHeader ? { requestIdHeader: raw.requestIdHeader } : {}),
  };
}

export const oneEnvelopeOnly = (first: string, pointer: string): DeclarationProblem => ({
  pointer,
  message: `${ERROR} is already declared on ${first}; a spec declares one error envelope`,
});

/** The JSON schemas of an operation's 2xx answers (`200`, `2XX`), each with where it lives. */
export function successJsonSchemas(doc: OpenApiDocument, entry: OperationEntry): Located<JsonSchema>[] {
  const found: Located<JsonSchema>[] = [];
  for (const [status, raw] of Object.entries(entry.operation.responses ?? {})) {
    if (!/^2(\d\d|XX)$/i.test(status)) continue;
    const response = followRefs<ResponseObject>(doc, raw, child(entry.pointer, 'responses', status));
    for (const [mediaType, media] of Object.entries(response.value.content ?? {})) {
      if (!isJsonMediaType(mediaType) || !media.schema) continue;
      found.push(
        followRefs<JsonSchema>(doc, media.schema, child(response.pointer, 'content', mediaType, 'schema')),
      );
    }
  }
  return found;
}

/** The schemas of one listed item: the elements of the arrays the declaration's `items` point at, in every 2xx answer. */
export function listItemSchemas(doc: OpenApiDocument, declaration: ListDeclaration): Located<JsonSchema>[] {
  return successJsonSchemas(doc, declaration.operation).flatMap((body) =>
    elementSchemas(
      doc,
      declaration.items.flatMap((items) => schemasAt(doc, body, items)),
    ),
  );
}
