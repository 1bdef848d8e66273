// `paging` inside `x-modelspecs-list`: how a list operation is paged. Its JSON Schema (`$defs.paging` of the
// project's extension schema), its type, and its one reader.
import { type ListDeclaration, listDeclarations } from '../declarations.js';
import type { OpenApiDocument, OperationEntry } from '../openapi.js';

const parameter = { type: 'string', minLength: 1, description: 'A query parameter of the operation' };
const pointers = { $ref: '#/$defs/pointers' };

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
        properties: { offset: true, hasMore: true, total: true },
        required: ['offset'],
        anyOf: [
          { properties: { hasMore: true }, required: ['hasMore'] },
          { properties: { total: true }, required: ['total'] },
        ],
      },
    },
    {
      if: { properties: { style: { const: 'cursor' } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then.
      then: { properties: { cursor: true, next: true }, required: ['cursor', 'next'] },
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

const list = (value: unknown) => (value === undefined ? undefined : [value as string | string[]].flat());

/**
 * Every list declaration that declares `paging`, typed, pointers as lists. Reads through `listDeclarations`, which
 * checks the declaration against the extensions' schema (a malformed one is its SpecError).
 */
export function pagingDeclaration(doc: OpenApiDocument): PagingDeclaration[] {
  return listDeclarations(doc)
    .filter(
      (declaration): declaration is ListDeclaration & { paging: object } => declaration.paging !== undefined,
    )
    .map(({ operation, items, paging, pointer }) => {
      const { style, limit, offset, hasMore, total, cursor, next } = paging as Record<string, never>;
      const typed = Object.fromEntries(
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
      return { operation, items, paging: typed, pointer: `${pointer}/paging` };
    });
}
