// The project's declarations (`x-modelspecs-list`, `x-modelspecs-error`) say what they mean: their shape matches
// the extensions' JSON Schema, every pointer reaches a value of the right type in the schema it points into, and
// the operation and parameter a list names exist. One small function per check.
import type { Oas3Rule } from '@redocly/openapi-core';
import {
  type DeclarationProblem,
  oneEnvelopeOnly,
  rawErrorDeclarations,
  rawListDeclarations,
  resolveGet,
  shapeProblems,
  successJsonSchemas,
} from '../declarations.js';
import { isJsonMediaType } from '../lookup.js';
import {
  type JsonSchema,
  listOperations,
  type OpenApiDocument,
  type OperationEntry,
  type ResponseObject,
} from '../openapi.js';
import { child, deref, type Located } from '../pointer.js';
import { elementSchemas, schemasAt, schemaTypes } from '../schema-at.js';
import { documentRule } from './rule.js';

type Pointers = string | string[];

/** Each pointer of a pointer-or-list, with where it is written in the document. */
const written = (raw: Pointers, at: string) =>
  Array.isArray(raw) ? raw.map((pointer, i) => ({ pointer, at: child(at, i) })) : [{ pointer: raw, at }];

const shapeValidLists = (doc: OpenApiDocument) =>
  rawListDeclarations(doc).filter(
    ({ pointer, value }) => shapeProblems('x-modelspecs-list', pointer, value).length === 0,
  );

const shapeValidErrors = (doc: OpenApiDocument) =>
  rawErrorDeclarations(doc).filter(
    ({ pointer, value }) => shapeProblems('x-modelspecs-error', pointer, value).length === 0,
  );

const describeTypes = (types: Set<string>) => (types.size ? [...types].join(' or ') : 'any type');

/**
 * A pointer of a declaration must reach something in the schemas it points into (else "points to nowhere"), and
 * what it reaches must allow one of `wanted` (else "wrong type"). Each group holds the schemas one value may match
 * (an item that is one of several schemas): the pointer must reach through at least one of them.
 */
export function pointerProblems(
  doc: OpenApiDocument,
  groups: readonly (readonly Located<JsonSchema>[])[],
  raw: Pointers,
  at: string,
  wanted: readonly string[],
  what: string,
): DeclarationProblem[] {
  const problems: DeclarationProblem[] = [];
  for (const { pointer, at: where } of written(raw, at)) {
    for (const group of groups) {
      const named = group.map((s) => s.pointer).join(', ');
      const found = group.flatMap((root) => schemasAt(doc, root, pointer));
      if (found.length === 0) {
        problems.push({
          pointer: where,
          message: `"${pointer}" points to nowhere in ${named}: the schema describes no ${what} there`,
        });
        continue;
      }
      const types = schemaTypes(found);
      if (![...types].some((t) => wanted.includes(t))) {
        problems.push({
          pointer: where,
          message: `"${pointer}" reaches ${describeTypes(types)} in ${named}, but the ${what} must be ${wanted.join(' or ')}`,
        });
      }
    }
  }
  return problems;
}

/** Each declaration matches the extensions' JSON Schema, and a spec declares one error envelope at most. */
export function declarationShapes(doc: OpenApiDocument): DeclarationProblem[] {
  const errors = rawErrorDeclarations(doc);
  return [
    ...rawListDeclarations(doc).flatMap(({ pointer, value }) =>
      shapeProblems('x-modelspecs-list', pointer, value),
    ),
    ...errors.flatMap(({ pointer, value }) => shapeProblems('x-modelspecs-error', pointer, value)),
    ...errors.slice(1).map(({ pointer }) => oneEnvelopeOnly(errors[0]!.schema, pointer)),
  ];
}

/** A list's `get` names an existing operation, which has the named path parameter. */
export function listGetOperations(doc: OpenApiDocument): DeclarationProblem[] {
  return shapeValidLists(doc).flatMap(({ pointer, value }) => {
    const { get } = value as { get?: { operationId: string; parameter: string } };
    if (!get) return [];
    const resolved = resolveGet(doc, pointer, get);
    return 'problem' in resolved ? [resolved.problem] : [];
  });
}

/** A list's `items` reaches an array in every 2xx JSON schema of the operation. */
export function listItemsPointers(doc: OpenApiDocument): DeclarationProblem[] {
  return shapeValidLists(doc).flatMap(({ operation, pointer, value }) => {
    const bodies = successJsonSchemas(doc, operation);
    if (bodies.length === 0) {
      return [
        {
          pointer,
          message: `${operation.method.toUpperCase()} ${operation.path} documents no 2xx JSON body to list items from`,
        },
      ];
    }
    return pointerProblems(
      doc,
      bodies.map((b) => [b]),
      (value as { items: Pointers }).items,
      child(pointer, 'items'),
      ['array'],
      'list of items',
    );
  });
}

/**
 * The schemas one listed item may match, one group per 2xx JSON body. An items pointer that reaches no array gives
 * no group (listItemsPointers reports it).
 */
export function itemSchemaGroups(
  doc: OpenApiDocument,
  operation: OperationEntry,
  items: Pointers,
): Located<JsonSchema>[][] {
  return successJsonSchemas(doc, operation)
    .map((body) =>
      elementSchemas(
        doc,
        written(items, '').flatMap(({ pointer: p }) => schemasAt(doc, body, p)),
      ),
    )
    .filter((group) => group.length > 0);
}

/** A list's `id` reaches a string or number property of the item schema. */
export function listIdPointers(doc: OpenApiDocument): DeclarationProblem[] {
  return shapeValidLists(doc).flatMap(({ operation, pointer, value }) => {
    const { items, id } = value as { items: Pointers; id: Pointers };
    const groups = itemSchemaGroups(doc, operation, items);
    return pointerProblems(doc, groups, id, child(pointer, 'id'), ['string', 'number', 'integer'], 'id');
  });
}

/** The error envelope's `message` reaches a string, its `code` a string or number, its header is documented. */
export function errorEnvelopePointers(doc: OpenApiDocument): DeclarationProblem[] {
  return shapeValidErrors(doc).flatMap(({ schema, pointer, value }) => {
    const raw = value as { message: Pointers; code?: Pointers; requestIdHeader?: string };
    const root = [[{ value: deref<JsonSchema>(doc, { $ref: schema }), pointer: schema }]];
    const problems = [
      ...pointerProblems(doc, root, raw.message, child(pointer, 'message'), ['string'], 'message'),
      ...(raw.code === undefined
        ? []
        : pointerProblems(
            doc,
            root,
            raw.code,
            child(pointer, 'code'),
            ['string', 'number', 'integer'],
            'code',
          )),
    ];
    if (raw.requestIdHeader && !documentsHeader(doc, raw.requestIdHeader)) {
      problems.push({
        pointer: child(pointer, 'requestIdHeader'),
        message: `no response documents the header "${raw.requestIdHeader}"; declare it on the responses that carry it, or leave requestIdHeader out`,
      });
    }
    return problems;
  });
}

function documentsHeader(doc: OpenApiDocument, name: string): boolean {
  const wanted = name.toLowerCase();
  const responses = [
    ...Object.values(doc.components?.responses ?? {}),
    ...listOperations(doc).flatMap((e) => Object.values(e.operation.responses ?? {})),
  ];
  return responses.some((raw) =>
    Object.keys(deref<ResponseObject>(doc, raw).headers ?? {}).some((h) => h.toLowerCase() === wanted),
  );
}

/** A spec whose error responses have a JSON body declares which schema is its envelope. */
export function undeclaredErrorEnvelope(doc: OpenApiDocument): DeclarationProblem[] {
  if (rawErrorDeclarations(doc).length > 0) return [];
  const hasJsonError = listOperations(doc).some((e) =>
    Object.entries(e.operation.responses ?? {}).some(
      ([status, raw]) =>
        /^([45](\d\d|XX)|default)$/i.test(status) &&
        Object.keys(deref<ResponseObject>(doc, raw).content ?? {}).some(isJsonMediaType),
    ),
  );
  return hasJsonError
    ? [
        {
          pointer: '#/components/schemas',
          message:
            'the spec documents JSON error bodies but no schema declares x-modelspecs-error; add it to the error envelope schema ({message: /error/message, code: ...})',
        },
      ]
    : [];
}

/** Every problem of the declaration checks, in check order. */
export function declarationProblems(doc: OpenApiDocument): DeclarationProblem[] {
  return [
    ...declarationShapes(doc),
    ...listGetOperations(doc),
    ...listItemsPointers(doc),
    ...listIdPointers(doc),
    ...errorEnvelopePointers(doc),
    ...undeclaredErrorEnvelope(doc),
  ];
}

/**
 * modelspecs/declarations: the checks above on the whole document, each problem reported at the pointer of the
 * declaration at fault. A spec split over several files is checked on its bundle by the readers instead
 * (`listDeclarations` and `errorEnvelope` refuse what these checks report).
 */
export const declarations: Oas3Rule = documentRule('modelspecs/declarations', declarationProblems);
