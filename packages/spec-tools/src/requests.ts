import {
  deref,
  type ExampleObject,
  type JsonSchema,
  type MediaTypeObject,
  type OpenApiDocument,
  type OperationEntry,
  type ParameterObject,
  type RequestBodyObject,
} from './openapi.js';

type Scalar = string | number | boolean;

/** A concrete, valid request for one operation, built from the spec's own examples and parameter schemas. */
export interface ExampleRequest {
  method: string;
  /** The path template, e.g. `/models/{model_id}`. */
  path: string;
  pathParams: Record<string, string>;
  query: Record<string, Scalar>;
  headers: Record<string, string>;
  body?: unknown;
  contentType?: string;
}

/** The first example a schema offers: `examples[0]`, `example`, `default`, `const`, `enum[0]`, in that order. */
function schemaExample(doc: OpenApiDocument, raw: JsonSchema | undefined): unknown {
  if (!raw) return undefined;
  const schema = deref<JsonSchema>(doc, raw as JsonSchema);
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  for (const key of ['example', 'default', 'const'] as const) if (key in schema) return schema[key];
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  return undefined;
}

/** A value of the schema's type inside its bounds, for parameters that give no example. */
function syntheticValue(doc: OpenApiDocument, raw: JsonSchema | undefined, name: string): Scalar {
  const schema = raw ? deref<JsonSchema>(doc, raw as JsonSchema) : {};
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'integer' || type === 'number') {
    const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
    const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
    return min ?? (max !== undefined ? Math.min(1, max) : 1);
  }
  if (type === 'boolean') return true;
  return `example-${name}`;
}

function parameterValue(doc: OpenApiDocument, param: ParameterObject): Scalar | undefined {
  if ('example' in param) return param.example as Scalar;
  const named = Object.values(param.examples ?? {})[0];
  if (named) return deref<ExampleObject>(doc, named).value as Scalar;
  return schemaExample(doc, param.schema) as Scalar | undefined;
}

/** The value of the first example of a media type (a named example first, then `example`, then the schema's). */
export function mediaTypeExample(doc: OpenApiDocument, media: MediaTypeObject | undefined): unknown {
  if (!media) return undefined;
  const named = Object.values(media.examples ?? {})[0];
  if (named) return deref<ExampleObject>(doc, named).value;
  if ('example' in media) return media.example;
  return schemaExample(doc, media.schema);
}

/**
 * Builds a request for an operation: every required parameter (and each optional one that carries an example) with
 * its documented example or a value inside its bounds, and the first example of a JSON request body.
 * `pathParams` overrides the values of path parameters (an id taken from a list answer, say).
 */
export function exampleRequest(
  doc: OpenApiDocument,
  entry: OperationEntry,
  overrides: { pathParams?: Record<string, string> } = {},
): ExampleRequest {
  const request: ExampleRequest = {
    method: entry.method.toUpperCase(),
    path: entry.path,
    pathParams: {},
    query: {},
    headers: {},
  };
  for (const param of entry.parameters) {
    const documented = parameterValue(doc, param);
    if (!param.required && param.in !== 'path' && documented === undefined) continue;
    const value = documented ?? syntheticValue(doc, param.schema, param.name);
    if (param.in === 'path')
      request.pathParams[param.name] = overrides.pathParams?.[param.name] ?? String(value);
    else if (param.in === 'query') request.query[param.name] = value;
    else if (param.in === 'header') request.headers[param.name] = String(value);
  }
  if (entry.operation.requestBody) {
    const body = deref<RequestBodyObject>(doc, entry.operation.requestBody);
    const [contentType, media] =
      Object.entries(body.content).find(([type]) => /json/.test(type)) ??
      Object.entries(body.content)[0] ??
      [];
    if (contentType) {
      request.contentType = contentType;
      request.body = mediaTypeExample(doc, media);
    }
  }
  return request;
}

/**
 * Percent-encodes a value as exactly one path segment (`/`, spaces and unicode included). URLs resolve the dot
 * segments `.` and `..` away even when percent-encoded, so such a value (or an empty one) cannot name a resource
 * and is refused.
 */
export function encodePathSegment(value: string): string {
  const encoded = encodeURIComponent(value);
  if (/^\.{0,2}$/.test(encoded)) {
    throw new TypeError(`${JSON.stringify(value)} cannot be sent as a path segment: URLs resolve it away`);
  }
  return encoded;
}

/** The request's path with its parameters filled in, each percent-encoded as one segment. */
export function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`No value for path parameter {${name}} of ${template}`);
    return encodePathSegment(value);
  });
}
