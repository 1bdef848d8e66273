import {
  deref,
  type JsonSchema,
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

/** Where the ids of a `{param}` path come from: the list operation one level up, e.g. `GET /models`. */
export interface IdSource {
  param: string;
  list: OperationEntry;
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
  /** A GET of exactly one listed item: `GET /models/{model_id}` beside `GET /models`. */
  fetchById: boolean;
  negativeCases: NegativeCase[];
}

const READ_METHODS = new Set(['GET', 'HEAD']);
const PATH_PARAM = /^\{([^}]+)\}$/;

function idSource(entries: readonly OperationEntry[], entry: OperationEntry): IdSource | undefined {
  const segments = entry.path.split('/');
  let index = -1;
  for (let i = segments.length - 1; i >= 0; i--) {
    if (PATH_PARAM.test(segments[i]!)) {
      index = i;
      break;
    }
  }
  if (index < 0) return undefined;
  const listPath = segments.slice(0, index).join('/') || '/';
  const list = entries.find((e) => e.method === 'get' && e.path === listPath);
  return list ? { param: PATH_PARAM.exec(segments[index]!)![1]!, list } : undefined;
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
  const loopback = isLoopback(options.baseUrl);
  return entries.map((entry) => {
    const method = entry.method.toUpperCase();
    const write = !READ_METHODS.has(method);
    const source = idSource(entries, entry);
    const planned: PlannedOperation = {
      entry,
      operationId: entry.operation.operationId ?? `${method} ${entry.path}`,
      method,
      path: entry.path,
      write,
      idSource: source,
      fetchById:
        source !== undefined &&
        entry.method === 'get' &&
        entry.path === `${source.list.path}/{${source.param}}`,
      negativeCases: negativeCases(doc, entry),
    };
    if (write && !loopback && !options.allowWrites) {
      planned.skipReason = `${method} may change data and ${options.baseUrl.host} is not loopback; pass --allow-writes to run it`;
    }
    return planned;
  });
}
