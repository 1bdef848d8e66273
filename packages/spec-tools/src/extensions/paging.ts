// `paging` inside `x-modelspecs-list`: how a list operation is paged. Its JSON Schema (`$defs.paging` of the
// project's extension schema) and its type; its one reader is `pagingDeclaration` (paging-declaration.ts), apart so
// that the schema, which the readers validate against, imports nothing that reads.

import type { JsonSchema } from './json-schema.js';

const parameter = { type: 'string', minLength: 1, description: 'A query parameter of the operation' };
const pointers = { $ref: '#/$defs/pointers' };

/** The JSON Schema of `x-modelspecs-list.paging`. */
export const pagingSchema: JsonSchema = {
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
