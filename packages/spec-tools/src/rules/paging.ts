// Lint of `paging` in `x-modelspecs-list` beyond its schema (checked with the list declaration): the declaration sits
// on a GET, names query parameters the operation has, and its pointers reach properties of the right type in every
// 2xx JSON answer.
import type { CheckResult } from '../checks.js';
import { successJsonSchemas } from '../declarations.js';
import { SpecError } from '../errors.js';
import { type PagingDeclaration, pagingDeclaration } from '../extensions/paging.js';
import type { OpenApiDocument } from '../openapi.js';
import { schemasAt, schemaTypes } from '../schema-at.js';
import type { SourceLocator } from '../source-locator.js';

/** The paging conventions as one lint check. */
export function checkPaging(doc: OpenApiDocument, locator?: SourceLocator): CheckResult {
  const name = 'x-modelspecs-list paging (a GET, its query parameters, pointers into the 2xx answer)';
  const at = (pointer: string) => (locator ? `${locator.locate(pointer)} ${pointer}` : pointer);
  let declarations: PagingDeclaration[];
  try {
    declarations = pagingDeclaration(doc);
  } catch (error) {
    // A malformed declaration is reported by the list declaration check.
    if (error instanceof SpecError) return { name, problems: [] };
    throw error;
  }
  const problems: string[] = [];
  for (const { operation, items, paging, pointer } of declarations) {
    const method = operation.method.toUpperCase();
    if (method !== 'GET') problems.push(`${at(pointer)}: paging is declared on a GET list, not on ${method}`);
    for (const key of ['limit', 'offset', 'cursor'] as const) {
      const parameter = paging[key];
      if (parameter && !operation.parameters.some((p) => p.in === 'query' && p.name === parameter)) {
        problems.push(
          `${at(`${pointer}/${key}`)}: "${parameter}" is not a query parameter of ${method} ${operation.path}`,
        );
      }
    }
    const bodies = successJsonSchemas(doc, operation);
    const expected: [string, string[] | undefined, string[]][] = [
      ['items', items, ['array']],
      ['hasMore', paging.hasMore, ['boolean']],
      ['total', paging.total, ['integer', 'number']],
      ['next', paging.next, ['string']],
    ];
    for (const [key, pointers, types] of expected) {
      for (const target of pointers ?? []) {
        const reached = [...schemaTypes(bodies.flatMap((body) => schemasAt(doc, body, target)))];
        if (!reached.some((type) => types.includes(type))) {
          problems.push(
            `${at(key === 'items' ? pointer.replace(/paging$/, 'items') : `${pointer}/${key}`)}: "${target}" does not reach a ${types.join(' or ')} property in the 2xx answer's schema`,
          );
        }
      }
    }
  }
  return { name, problems };
}
