// Finding things in a bundled document by what they mean (the response for a status, its JSON media type, its
// headers), each with the pointer where it really lives (`followRefs`), so Ajv can compile its schema.
import type {
  HeaderObject,
  MediaTypeObject,
  OpenApiDocument,
  OperationEntry,
  ResponseObject,
} from './openapi.js';
import { child, followRefs, type Located } from './pointer.js';

/** The documented response for a status: the exact code, then its range (`4XX`), then `default`. */
export function documentedResponse(
  doc: OpenApiDocument,
  entry: OperationEntry,
  status: number,
): (Located<ResponseObject> & { key: string }) | undefined {
  const responses = entry.operation.responses ?? {};
  const range = `${String(status)[0]}XX`;
  const key = [String(status), range, range.toLowerCase(), 'default'].find((k) => k in responses);
  if (key === undefined) return undefined;
  return { key, ...followRefs<ResponseObject>(doc, responses[key]!, child(entry.pointer, 'responses', key)) };
}

/** The documented status keys of an operation, as written (`200`, `4XX`, `default`). */
export function documentedStatuses(entry: OperationEntry): string[] {
  return Object.keys(entry.operation.responses ?? {});
}

/** `application/json; charset=utf-8` -> `application/json`. */
export function essence(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

export const isJsonMediaType = (mediaType: string): boolean =>
  /^application\/(.+\+)?json$/.test(essence(mediaType)) || essence(mediaType) === '*/*';

/** The documented media type a content type falls under: exact, then `type/*`, then `*\/*`. */
export function findMediaType(
  response: Located<ResponseObject>,
  contentType: string | undefined,
): (Located<MediaTypeObject> & { mediaType: string }) | undefined {
  const content = response.value.content ?? {};
  if (contentType === undefined) return undefined;
  const wanted = essence(contentType);
  const keys = Object.keys(content);
  const key =
    keys.find((k) => essence(k) === wanted) ??
    keys.find((k) => essence(k) === `${wanted.split('/')[0]}/*`) ??
    keys.find((k) => essence(k) === '*/*');
  if (key === undefined) return undefined;
  return { mediaType: key, value: content[key]!, pointer: child(response.pointer, 'content', key) };
}

/** The first documented JSON media type of a response (what a body is checked against when its type is wrong). */
export function firstJsonMediaType(
  response: Located<ResponseObject>,
): (Located<MediaTypeObject> & { mediaType: string }) | undefined {
  const key = Object.keys(response.value.content ?? {}).find(isJsonMediaType);
  if (key === undefined) return undefined;
  return {
    mediaType: key,
    value: response.value.content![key]!,
    pointer: child(response.pointer, 'content', key),
  };
}

/** The documented headers of a response, each with the pointer of its schema. */
export function documentedHeaders(
  doc: OpenApiDocument,
  response: Located<ResponseObject>,
): { name: string; header: HeaderObject; schemaPointer?: string }[] {
  return Object.entries(response.value.headers ?? {})
    .filter(([name]) => name.toLowerCase() !== 'content-type')
    .map(([name, raw]) => {
      const located = followRefs<HeaderObject>(doc, raw, child(response.pointer, 'headers', name));
      return {
        name,
        header: located.value,
        schemaPointer: located.value.schema ? child(located.pointer, 'schema') : undefined,
      };
    });
}

/** The security alternatives of an operation (its own `security`, else the document's); `[]` means none. */
export function operationSecurity(doc: OpenApiDocument, entry: OperationEntry): string[][] {
  const requirements = entry.operation.security ?? doc.security ?? [];
  return requirements.map((requirement) => Object.keys(requirement));
}
