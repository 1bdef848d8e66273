import type { OpenApiDocument } from './openapi.js';

// Keys whose values are data, not schemas: an example may well contain `"nullable": true`.
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const']);

function convertSchemaKeywords(node: Record<string, unknown>): Record<string, unknown> {
  let out = node;
  for (const bound of ['Minimum', 'Maximum'] as const) {
    const flag = out[`exclusive${bound}`];
    if (typeof flag !== 'boolean') continue;
    const { [`exclusive${bound}`]: _flag, [bound.toLowerCase()]: limit, ...rest } = out;
    out =
      flag && typeof limit === 'number'
        ? { ...rest, [`exclusive${bound}`]: limit }
        : { ...rest, ...(limit === undefined ? {} : { [bound.toLowerCase()]: limit }) };
  }
  if (typeof out.nullable === 'boolean') {
    const { nullable, ...rest } = out;
    out = rest;
    if (nullable) {
      if (typeof rest.type === 'string') {
        out = { ...rest, type: [rest.type, 'null'] };
        if (Array.isArray(rest.enum) && !rest.enum.includes(null)) out.enum = [...rest.enum, null];
      } else if (!Array.isArray(rest.type)) {
        out = { anyOf: [rest, { type: 'null' }] };
      }
    }
  }
  return out;
}

function convert(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(convert);
  if (value === null || typeof value !== 'object') return value;
  const converted: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    converted[key] = DATA_KEYS.has(key) || key.startsWith('x-') ? child : convert(child);
  }
  return convertSchemaKeywords(converted);
}

/**
 * The document with its OpenAPI 3.0 schema dialect rewritten into JSON Schema 2020-12, which is what OpenAPI 3.1
 * schemas are and what the validator speaks: `nullable: true` becomes a `null` type (or an `anyOf` with one), and
 * the boolean `exclusiveMinimum`/`exclusiveMaximum` become the numeric bounds. A 3.1 document is returned as is.
 * (The maintained converter of this dialect, @openapi-contrib/openapi-schema-to-json-schema, targets draft-04,
 * whose boolean exclusive bounds 2020-12 does not accept.)
 */
export function asJsonSchemaDialect(doc: OpenApiDocument): OpenApiDocument {
  return /^3\.0\./.test(String(doc.openapi)) ? (convert(doc) as OpenApiDocument) : doc;
}
