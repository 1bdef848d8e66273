// Lint of `paging` in `x-modelspecs-list` beyond its schema (checked with the list declaration): the declaration sits
// on a GET, names query parameters the operation has, and its pointers reach properties of the right type in every
// 2xx JSON answer.
import type { Oas3Rule } from '@redocly/openapi-core';
import { type DeclarationProblem, successJsonSchemas } from '../declarations.js';
import { SpecError } from '../errors.js';
import { type PagingDeclaration, pagingDeclaration } from '../extensions/paging-declaration.js';
import type { OpenApiDocument } from '../openapi.js';
import { schemasAt, schemaTypes } from '../schema-at.js';
import { documentRule } from './rule.js';

/** Every problem of the paging declarations, each at the pointer of the part at fault. */
export function pagingProblems(doc: OpenApiDocument): DeclarationProblem[] {
  let declarations: PagingDeclaration[];
  try {
    declarations = pagingDeclaration(doc);
  } catch (error) {
    // A malformed declaration is reported by the list declaration check.
    if (error instanceof SpecError) return [];
    throw error;
  }
  const problems: DeclarationProblem[] = [];
  for (const { operation, items, paging, pointer } of declarations) {
    const method = operation.method.toUpperCase();
    if (method !== 'GET')
      problems.push({ pointer, message: `paging is declared on a GET list, not on ${method}` });
    for (const key of ['limit', 'offset', 'cursor'] as const) {
      const parameter = paging[key];
      if (parameter && !operation.parameters.some((p) => p.in === 'query' && p.name === parameter)) {
        problems.push({
          pointer: `${pointer}/${key}`,
          message: `"${parameter}" is not a query parameter of ${method} ${operation.path}`,
        });
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
          problems.push({
            pointer: key === 'items' ? pointer.replace(/paging$/, 'items') : `${pointer}/${key}`,
            message: `"${target}" does not reach a ${types.join(' or ')} property in the 2xx answer's schema`,
          });
        }
      }
    }
  }
  return problems;
}

/**
 * modelspecs/paging: the checks above on the whole document, each problem reported at the part of the paging
 * declaration at fault. A spec split over several files is checked on its bundle by the reader instead.
 */
export const paging: Oas3Rule = documentRule('modelspecs/paging', pagingProblems);
