// Lint of `paging` in `x-modelspecs-list`: the declaration matches its schema, sits on a GET, names query parameters
// the operation has, and its pointers reach properties of the right type in the 2xx JSON answer.
import type { CheckResult } from '../checks.js';
import { SpecError } from '../errors.js';
import { pagingDeclaration } from '../extensions/paging.js';
import type { SourceLocator } from '../locate.js';
import { deref, type JsonSchema, type OpenApiDocument, type ResponseObject } from '../openapi.js';

type Schema = JsonSchema;

/** The schemas a pointer may reach in `schema` (through $ref, allOf, anyOf, oneOf); none when it reaches nothing. */
function schemasAt(doc: OpenApiDocument, schema: unknown, segments: string[]): Schema[] {
  if (!schema || typeof schema !== 'object') return [];
  const node = deref<Schema>(doc, schema as Schema);
  const composed = ['allOf', 'anyOf', 'oneOf'].flatMap((key) =>
    ((node[key] as unknown[]) ?? []).flatMap((part) => schemasAt(doc, part, segments)),
  );
  if (!segments.length) return [node, ...composed];
  const [head, ...rest] = segments;
  const property = (node.properties as Record<string, unknown> | undefined)?.[head!];
  return [...schemasAt(doc, property, rest), ...composed];
}

const typeOf = (schema: Schema) => [schema.type].flat().filter(Boolean) as string[];
const segmentsOf = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));

/** The paging conventions as one lint check. */
export function checkPaging(doc: OpenApiDocument, locator?: SourceLocator): CheckResult {
  const name = 'x-modelspecs-list paging (schema, query parameters, pointers into the 2xx answer)';
  const at = (pointer: string) => (locator ? `${locator.locate(pointer)} ${pointer}` : pointer);
  let declarations: ReturnType<typeof pagingDeclaration>;
  try {
    declarations = pagingDeclaration(doc);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return {
      name,
      problems: error.problems.map((problem) => problem.replace(/^(#\S*?):/, (_, p: string) => `${at(p)}:`)),
    };
  }
  const problems: string[] = [];
  for (const { operation, items, paging, pointer } of declarations) {
    if (operation.method !== 'get')
      problems.push(
        `${at(pointer)}: paging is declared on a GET list, not on ${operation.method.toUpperCase()}`,
      );
    for (const key of ['limit', 'offset', 'cursor'] as const) {
      const parameter = paging[key];
      if (parameter && !operation.parameters.some((p) => p.in === 'query' && p.name === parameter)) {
        problems.push(
          `${at(`${pointer}/${key}`)}: "${parameter}" is not a query parameter of ${operation.method.toUpperCase()} ${operation.path}`,
        );
      }
    }
    const success = Object.entries(operation.operation.responses ?? {}).find(([status]) => /^2/.test(status));
    const response = success && deref<ResponseObject>(doc, success[1]);
    const schema = response?.content?.['application/json']?.schema;
    if (!schema) {
      problems.push(`${at(pointer)}: the operation has no 2xx application/json answer to page through`);
      continue;
    }
    const expect: [string, string[] | undefined, string[]][] = [
      ['items', items, ['array']],
      ['hasMore', paging.hasMore, ['boolean']],
      ['total', paging.total, ['integer', 'number']],
      ['next', paging.next, ['string']],
    ];
    for (const [key, list, types] of expect) {
      for (const target of list ?? []) {
        const found = schemasAt(doc, schema, segmentsOf(target));
        if (!found.some((s) => typeOf(s).some((t) => types.includes(t)))) {
          problems.push(
            `${at(key === 'items' ? pointer.replace(/\/paging$/, '/items') : `${pointer}/${key}`)}: "${target}" does not reach ${types.join(' or ')} property in the 2xx answer's schema`,
          );
        }
      }
    }
  }
  return { name, problems };
}
