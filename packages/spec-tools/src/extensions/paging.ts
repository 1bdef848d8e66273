// `paging` inside `x-modelspecs-list`: how a list operation is paged. Its JSON Schema (a part of the project's
// extension schema), its type, and its one reader.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { SpecError } from '../errors.js';
import { listOperations, type OpenApiDocument, type OperationEntry } from '../openapi.js';

const pointer = { type: 'string', pattern: '^(/([^~]|~[01])*)*$', description: 'An RFC 6901 JSON pointer' };
/** A pointer, or a list of alternatives tried in order (the first present wins). */
const pointers = { anyOf: [pointer, { type: 'array', items: pointer, minItems: 1 }] };
const parameter = { type: 'string', minLength: 1, description: 'A query parameter of the operation' };

/** The JSON Schema of `x-modelspecs-list.paging`. */
export const pagingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['style'],
  properties: {
    style: { enum: ['offset', 'cursor'] },
    limit: parameter,
    offset: parameter,
    hasMore: pointers,
    total: pointers,
    cursor: parameter,
    next: pointers,
  },
  allOf: [
    {
      if: { properties: { style: { const: 'offset' } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then.
      then: {
        required: ['offset'],
        anyOf: [{ required: ['hasMore'] }, { required: ['total'] }],
        not: { anyOf: [{ required: ['cursor'] }, { required: ['next'] }] },
      },
    },
    {
      if: { properties: { style: { const: 'cursor' } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then.
      then: {
        required: ['cursor', 'next'],
        not: { anyOf: [{ required: ['offset'] }, { required: ['hasMore'] }, { required: ['total'] }] },
      },
    },
  ],
} as const;

/** A declared paging scheme, pointers normalized to lists. */
export interface Paging {
  style: 'offset' | 'cursor';
  /** Query parameter of the page size. */
  limit?: string;
  /** offset: query parameter of the start. */
  offset?: string;
  /** offset: pointers to a boolean "more" flag. */
  hasMore?: string[];
  /** offset: pointers to the total count. */
  total?: string[];
  /** cursor: query parameter the next cursor is sent in. */
  cursor?: string;
  /** cursor: pointers to the next cursor. */
  next?: string[];
}

export interface PagingDeclaration {
  operation: OperationEntry;
  /** Where the items are (from the list declaration). */
  items: string[];
  paging: Paging;
  /** `#/paths/~1models/get/x-modelspecs-list/paging` */
  pointer: string;
}

let validate: ReturnType<Ajv2020['compile']> | undefined;

/** Problems of a `paging` value against its schema, one line each, `<pointer>: message`. */
export function pagingShapeProblems(value: unknown, where: string): string[] {
  validate ??= new Ajv2020({ allErrors: true, strict: false }).compile(pagingSchema);
  if (validate(value)) return [];
  return (
    (validate.errors ?? [])
      // An `if` that failed only repeats the `then` error below it.
      .filter((error) => error.keyword !== 'if')
      .map(
        (error) =>
          `${where}${error.instancePath}: ${error.message}${error.params && 'allowedValues' in error.params ? ` (${(error.params.allowedValues as string[]).join(', ')})` : ''}`,
      )
  );
}

const list = (value: unknown) => (value === undefined ? undefined : [value as string | string[]].flat());

/**
 * Every list operation whose `x-modelspecs-list` declares `paging`, with its items pointer(s). A paging value that
 * does not match the schema is a SpecError naming its pointer (lint reports the same problems).
 */
export function pagingDeclaration(doc: OpenApiDocument): PagingDeclaration[] {
  const found: PagingDeclaration[] = [];
  const problems: string[] = [];
  for (const operation of listOperations(doc)) {
    const declaration = (operation.operation as Record<string, unknown>)['x-modelspecs-list'] as
      | { items?: unknown; paging?: Record<string, unknown> }
      | undefined;
    if (declaration?.paging === undefined) continue;
    const pointer = `${operation.pointer}/x-modelspecs-list/paging`;
    const shape = pagingShapeProblems(declaration.paging, pointer);
    if (typeof declaration.items !== 'string' && !Array.isArray(declaration.items)) {
      shape.push(`${operation.pointer}/x-modelspecs-list/items: a paged list says where its items are`);
    }
    problems.push(...shape);
    if (shape.length) continue;
    const { style, limit, offset, hasMore, total, cursor, next } = declaration.paging as Record<
      string,
      never
    >;
    const paging = Object.fromEntries(
      Object.entries({
        style,
        limit,
        offset,
        hasMore: list(hasMore),
        total: list(total),
        cursor,
        next: list(next),
      }).filter(([, value]) => value !== undefined),
    ) as unknown as Paging;
    found.push({ operation, items: list(declaration.items)!, paging, pointer });
  }
  if (problems.length) throw new SpecError('x-modelspecs-list paging is malformed', problems);
  return found;
}
