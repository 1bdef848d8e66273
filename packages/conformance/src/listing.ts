import { encodePathSegment, escapeSegment, valueAt } from '@modelspecs/spec-tools';
import type { IdSource } from './plan.js';

type Item = Record<string, unknown>;

const isObject = (value: unknown): value is Item =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The items of a list answer: the first array the declaration's `items` pointers find in the body. */
export function listedItems(source: Pick<IdSource, 'items'>, body: unknown): Item[] {
  const found = source.items.map((pointer) => valueAt(body, pointer)).find(Array.isArray);
  return found ? found.filter(isObject) : [];
}

/** The id of a listed item: the first string or number the declaration's `id` pointers find. */
export function itemId(item: Item, source: Pick<IdSource, 'id'>): string | undefined {
  for (const pointer of source.id) {
    const value = valueAt(item, pointer);
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
  into: Map<string, unknown> = new Map(),
): Map<string, unknown> {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      primitiveLeaves(v, `${pointer}/${i}`, into);
    });
  } else if (isObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      primitiveLeaves(v, `${pointer}/${escapeSegment(key)}`, into);
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
