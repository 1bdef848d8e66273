// JSON pointers (RFC 6901) and `$ref`s: the one place that escapes, splits, builds and follows them. Pointers into
// a document are written as URI fragments (`#/paths/~1models/get`); pointers into a value (a response body, one
// listed item) are plain (`/data`, `""` for the value itself).
import type { OpenApiDocument, ReferenceObject } from './openapi.js';

/** `a/b~c` -> `a~1b~0c` (RFC 6901: `~` first, then `/`). */
export const escapeSegment = (segment: string | number): string =>
  String(segment).replace(/~/g, '~0').replace(/\//g, '~1');

/** `a~1b~0c` -> `a/b~c`. */
export const unescapeSegment = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** Splits a JSON pointer (`#/a/b~1c` or `/a/b~1c`) into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  const body = pointer.replace(/^#/, '');
  if (body === '' || body === '/') return [];
  return body
    .slice(1)
    .split('/')
    .map((s) => unescapeSegment(decodeURIComponent(s)));
}

/** Builds a document pointer (`#/a/b~1c`) from segments. */
export function toPointer(segments: readonly (string | number)[]): string {
  return `#${segments.map((s) => `/${escapeSegment(s)}`).join('')}`;
}

/** Builds a plain value pointer (`/a/b~1c`, `""` for none) from segments. */
export function toValuePointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${escapeSegment(s)}`).join('');
}

/** `#/paths/~1models` + `get` -> `#/paths/~1models/get`. */
export const child = (pointer: string, ...segments: (string | number)[]): string =>
  toPointer([...pointerSegments(pointer), ...segments.map(String)]);

const isContainer = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** The value at `pointer` inside `root`, or `undefined` when any segment is missing. */
export function valueAt(root: unknown, pointer: string): unknown {
  let current: unknown = root;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (isContainer(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

/** The first of several alternative pointers that is present in `root`, with its value. */
export function firstPresent(
  root: unknown,
  pointers: readonly string[],
): { pointer: string; value: unknown } | undefined {
  for (const pointer of pointers) {
    const value = valueAt(root, pointer);
    if (value !== undefined) return { pointer, value };
  }
  return undefined;
}

export function isReference(value: unknown): value is ReferenceObject {
  return isContainer(value) && typeof (value as Partial<ReferenceObject>).$ref === 'string';
}

/** A value of the document, its `$ref`s followed, with the pointer where it really lives (for Ajv). */
export interface Located<T> {
  value: T;
  pointer: string;
}

/**
 * Follows internal `$ref`s (`#/...`) of a bundled document from the value at `pointer` until a non-reference is
 * reached, keeping track of where it lives. A reference outside the document, to nothing, or in a cycle throws.
 */
export function followRefs<T>(doc: OpenApiDocument, value: T | ReferenceObject, pointer: string): Located<T> {
  let current: unknown = value;
  let at = pointer;
  const seen = new Set<string>();
  while (isReference(current)) {
    const ref = current.$ref;
    if (!ref.startsWith('#/') && ref !== '#')
      throw new Error(`Cannot resolve $ref "${ref}" in a bundled document`);
    if (seen.has(ref)) throw new Error(`Circular $ref "${ref}" at ${at}`);
    seen.add(ref);
    const target = valueAt(doc, ref);
    if (target === undefined) throw new Error(`$ref "${ref}" points to nothing`);
    at = ref;
    current = target;
  }
  return { value: current as T, pointer: at };
}

/** Follows internal `$ref`s of a bundled document until a non-reference object is reached. */
export function deref<T>(doc: OpenApiDocument, value: T | ReferenceObject): T {
  return followRefs<T>(doc, value, '#').value;
}
