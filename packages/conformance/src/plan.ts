import {
  deref,
  type JsonSchema,
  type ListDeclaration,
  listDeclarations,
  listOperations,
  type OpenApiDocument,
  type OperationEntry,
  type ParameterObject,
} from '@modelspecs/spec-tools';
import { isLoopback } from './target-url.js';

/** A value a documented bound forbids, for one query or header parameter. */
export interface NegativeCase {
  in: 'query' | 'header';
  name: string;
  value: string;
  /** The bound it breaks: `above maximum 100`, `not one of "asc", "desc"`. */
  rule: string;
}

/** Where the ids of a `{param}` path come from: the list operation whose `x-modelspecs-list` names its get. */
export interface IdSource {
  param: string;
  list: OperationEntry;
  /** Where the items are in the list's body and which item property is the id (pointers, first present wins). */
  items: string[];
  id: string[];
}

export interface PlannedOperation {
  entry: OperationEntry;
  operationId: string;
  method: string;
  path: string;
  /** Anything but GET and HEAD. */
  write: boolean;
  /** Set when the operation does not run at all (a write against a non-loopback target without --allow-writes). */
  skipReason?: string;
  idSource?: IdSource;
  /** The declared get of one listed item: `GET /models/{model_id}` beside `GET /models`. */
  fetchById: boolean;
  negativeCases: NegativeCase[];
}

const READ_METHODS = new Set(['GET', 'HEAD']);
/**
 * The list an operation takes its id from: the declared get of a list, and every operation under its path
 * (`/training/models/{modelId}/deploy` under `/training/models/{modelId}`).
 */
function idSource(declarations: readonly ListDeclaration[], entry: OperationEntry): IdSource | undefined {
  for (const { operation, items, id, get } of declarations) {
    if (!get || !(entry.path === get.operation.path || entry.path.startsWith(`${get.operation.path}/`)))
      continue;
    return { param: get.parameter, list: operation, items, id };
  }
  return undefined;
}

function schemaOf(doc: OpenApiDocument, param: ParameterObject): JsonSchema {
  return param.schema ? deref<JsonSchema>(doc, param.schema) : {};
}

const quote = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** Every value the parameter's schema forbids by one of its bounds (enum, minimum, maximum, type, maxLength). */
export function invalidValues(schema: JsonSchema): { value: string; rule: string }[] {
  const cases: { value: string; rule: string }[] = [];
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
    (t): t is string => typeof t === 'string' && t !== 'null',
  );
  const type = types.length === 1 ? types[0] : undefined;
  const num = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const outside = 'modelspecs-not-in-enum';
    if (!schema.enum.includes(outside))
      cases.push({ value: outside, rule: `not one of ${quote(schema.enum)}` });
  }
  const maximum = num('maximum');
  const exclusiveMaximum = num('exclusiveMaximum');
  const minimum = num('minimum');
  const exclusiveMinimum = num('exclusiveMinimum');
  if (maximum !== undefined) cases.push({ value: String(maximum + 1), rule: `above maximum ${maximum}` });
  if (exclusiveMaximum !== undefined)
    cases.push({ value: String(exclusiveMaximum), rule: `not below exclusiveMaximum ${exclusiveMaximum}` });
  if (minimum !== undefined) cases.push({ value: String(minimum - 1), rule: `below minimum ${minimum}` });
  if (exclusiveMinimum !== undefined)
    cases.push({ value: String(exclusiveMinimum), rule: `not above exclusiveMinimum ${exclusiveMinimum}` });
  if (type === 'integer' || type === 'number')
    cases.push({ value: 'not-a-number', rule: `not ${type === 'integer' ? 'an integer' : 'a number'}` });
  if (type === 'boolean') cases.push({ value: 'not-a-boolean', rule: 'not a boolean' });
  const maxLength = num('maxLength');
  if (type === 'string' && maxLength !== undefined)
    cases.push({ value: 'x'.repeat(maxLength + 1), rule: `longer than maxLength ${maxLength}` });
  return cases;
}

/** The bounded query and header parameters of an operation, one case per bound. */
export function negativeCases(doc: OpenApiDocument, entry: OperationEntry): NegativeCase[] {
  return entry.parameters
    .filter((p): p is ParameterObject & { in: 'query' | 'header' } => p.in === 'query' || p.in === 'header')
    .flatMap((param) =>
      invalidValues(schemaOf(doc, param)).map((c) => ({ in: param.in, name: param.name, ...c })),
    );
}

/**
 * What the checker will do with each operation of the spec, without sending anything. Against a base URL that is
 * not loopback, only GET and HEAD operations run unless writes are allowed.
 */
export function planOperations(
  doc: OpenApiDocument,
  options: { baseUrl: URL; allowWrites?: boolean },
): PlannedOperation[] {
  const entries = listOperations(doc);
  const declarations = listDeclarations(doc);
  const loopback = isLoopback(options.baseUrl);
  return entries.map((entry) => {
    const method = entry.method.toUpperCase();
    const write = !READ_METHODS.has(method);
    const source = idSource(declarations, entry);
    const planned: PlannedOperation = {
      entry,
      operationId: entry.operation.operationId ?? `${method} ${entry.path}`,
      method,
      path: entry.path,
      write,
      idSource: source,
      fetchById: declarations.some((d) => d.get?.operation.pointer === entry.pointer),
      negativeCases: negativeCases(doc, entry),
    };
    if (write && !loopback && !options.allowWrites) {
      planned.skipReason = `${method} may change data and ${options.baseUrl.host} is not loopback; pass --allow-writes to run it`;
    }
    return planned;
  });
}
