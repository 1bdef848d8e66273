// The one reader of `paging` (inside `x-modelspecs-list`): every paged list declaration, typed.
import { type ListDeclaration, listDeclarations } from '../declarations.js';
import type { OpenApiDocument, OperationEntry } from '../openapi.js';
import type { Paging } from './paging.js';

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
