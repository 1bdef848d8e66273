import {
  deref,
  documentedResponse,
  encodePathSegment,
  findMediaType,
  firstJsonMediaType,
  type JsonSchema,
  type OpenApiDocument,
  type OperationEntry,
} from '@modelspecs/spec-tools';

type Item = Record<string, unknown>;

const isObject = (value: unknown): value is Item =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The names of the properties the list's 2xx schema declares as arrays (`data`, `models`), in order. */
function declaredArrayProperties(doc: OpenApiDocument, list: OperationEntry, status: number): string[] {
  const documented = documentedResponse(doc, list, status);
  if (!documented) return [];
  const media = findMediaType(documented, 'application/json') ?? firstJsonMediaType(documented);
  if (!media?.value.schema) return [];
  const schema = deref<JsonSchema>(doc, media.value.schema);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties)
    .filter(([, raw]) => deref<JsonSchema>(doc, raw).type === 'array')
    .map(([name]) => name);
}

/**
 * The items of a list answer: the body itself when it is an array, else the array property the spec declares
 * (`data`, `models`), else the first property that holds an array of objects.
 */
export function listedItems(
  doc: OpenApiDocument,
  list: OperationEntry,
  status: number,
  body: unknown,
): Item[] {
  if (Array.isArray(body)) return body.filter(isObject);
  if (!isObject(body)) return [];
  for (const name of declaredArrayProperties(doc, list, status)) {
    const value = body[name];
    if (Array.isArray(value)) return value.filter(isObject);
  }
  const found = Object.values(body).find((v) => Array.isArray(v) && v.some(isObject));
  return Array.isArray(found) ? found.filter(isObject) : [];
}

/**
 * The id of a listed item for a `{param}` path: the property named like the parameter (`modelId`), else `id`,
 * else `key`.
 */
export function itemId(item: Item, param: string): string | undefined {
  for (const name of [param, 'id', 'key']) {
    const value = item[name];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

/**
 * Why a listed id cannot be sent as one path segment, or `undefined` when it can: a dot segment (`.`, `..`) that
 * URLs resolve away, an empty id, or one with a lone surrogate that no URL can carry.
 */
export function unsendableId(id: string): string | undefined {
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(id)) {
    return 'cannot be sent as a path segment: it holds a lone surrogate, which is not Unicode text';
  }
  try {
    encodePathSegment(id);
  } catch {
    return 'cannot be sent as a path segment: URLs resolve "." and ".." (and drop an empty segment) away';
  }
  return undefined;
}

/** Every string, number, boolean and null inside a value, by JSON pointer. */
export function primitiveLeaves(
  value: unknown,
  pointer = '',
  into = new Map<string, unknown>(),
): Map<string, unknown> {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      primitiveLeaves(v, `${pointer}/${i}`, into);
    });
  } else if (isObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      primitiveLeaves(v, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, into);
    }
  } else {
    into.set(pointer, value);
  }
  return into;
}

/** The pointers where both values hold a primitive and the primitives differ. */
export function disagreements(
  listed: unknown,
  fetched: unknown,
): { pointer: string; listed: unknown; fetched: unknown }[] {
  const fetchedLeaves = primitiveLeaves(fetched);
  const found: { pointer: string; listed: unknown; fetched: unknown }[] = [];
  for (const [pointer, value] of primitiveLeaves(listed)) {
    if (!fetchedLeaves.has(pointer)) continue;
    const other = fetchedLeaves.get(pointer);
    if (other !== value) found.push({ pointer, listed: value, fetched: other });
  }
  return found;
}
