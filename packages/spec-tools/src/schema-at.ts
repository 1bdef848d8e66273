// Reading a JSON Schema of the document by the shape of the values it describes: which schemas a value at a JSON
// pointer must match (`/data` of a list body, `/error/message` of an error body), and the types they allow.
import type { JsonSchema, OpenApiDocument } from './openapi.js';
import { child, followRefs, type Located, pointerSegments } from './pointer.js';

const isObject = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The schema and, recursively, its allOf/anyOf/oneOf branches, every `$ref` followed, each once. */
function withBranches(doc: OpenApiDocument, schemas: readonly Located<JsonSchema>[]): Located<JsonSchema>[] {
  const found = new Map<string, Located<JsonSchema>>();
  const visit = (located: Located<JsonSchema>) => {
    if (found.has(located.pointer)) return;
    found.set(located.pointer, located);
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = located.value[key];
      if (!Array.isArray(list)) continue;
      list.forEach((branch, i) => {
        if (isObject(branch)) visit(followRefs<JsonSchema>(doc, branch, child(located.pointer, key, i)));
      });
    }
  };
  for (const schema of schemas) visit(followRefs<JsonSchema>(doc, schema.value, schema.pointer));
  return [...found.values()];
}

/** The schemas one step down: a property, an array element (numeric segment), or an additional property. */
function step(doc: OpenApiDocument, schema: Located<JsonSchema>, segment: string): Located<JsonSchema>[] {
  const { value, pointer } = schema;
  const at = (raw: unknown, ...path: (string | number)[]) =>
    isObject(raw) ? [followRefs<JsonSchema>(doc, raw, child(pointer, ...path))] : [];
  const properties = value.properties;
  if (isObject(properties) && Object.hasOwn(properties, segment)) {
    return at(properties[segment], 'properties', segment);
  }
  if (/^(0|[1-9]\d*)$/.test(segment)) {
    const prefix = value.prefixItems;
    if (Array.isArray(prefix) && Number(segment) < prefix.length) {
      return at(prefix[Number(segment)], 'prefixItems', Number(segment));
    }
    return at(value.items, 'items');
  }
  return at(value.additionalProperties, 'additionalProperties');
}

/**
 * The schemas (with where they live) that a value at `pointer` inside a value of `root` must match, through
 * `$ref`s, allOf/anyOf/oneOf branches, properties, array items and additional properties. Empty when the schema
 * describes nothing there.
 */
export function schemasAt(
  doc: OpenApiDocument,
  root: Located<JsonSchema>,
  pointer: string,
): Located<JsonSchema>[] {
  let current = withBranches(doc, [root]);
  for (const segment of pointerSegments(pointer)) {
    current = withBranches(
      doc,
      current.flatMap((schema) => step(doc, schema, segment)),
    );
    if (current.length === 0) return [];
  }
  return current;
}

/** The JSON types the schemas allow between them (`type`, else what `properties`/`items`/`const` imply). */
export function schemaTypes(schemas: readonly Located<JsonSchema>[]): Set<string> {
  const types = new Set<string>();
  for (const { value } of schemas) {
    const type = value.type;
    for (const t of Array.isArray(type) ? type : type === undefined ? [] : [type]) types.add(String(t));
    if (type === undefined) {
      if (isObject(value.properties)) types.add('object');
      if (value.items !== undefined || value.prefixItems !== undefined) types.add('array');
      if ('const' in value) types.add(typeof value.const === 'number' ? 'number' : typeof value.const);
    }
  }
  return types;
}

/** The schemas of one element of arrays described by `schemas`. */
export function elementSchemas(
  doc: OpenApiDocument,
  schemas: readonly Located<JsonSchema>[],
): Located<JsonSchema>[] {
  return withBranches(
    doc,
    schemas.flatMap((schema) => (isObject(schema.value.items) ? step(doc, schema, '0') : [])),
  );
}
