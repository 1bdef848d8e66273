import {
  child,
  type DocumentSchemas,
  deref,
  describeErrors,
  documentedHeaders,
  documentedResponse,
  documentedStatuses,
  escapeSegment,
  essence,
  findMediaType,
  firstJsonMediaType,
  isJsonMediaType,
  type JsonSchema,
  type OpenApiDocument,
  type OperationEntry,
  toValuePointer,
} from '@modelspecs/spec-tools';
import type { ErrorObject } from 'ajv';
import type { HttpResponse } from './http.js';
import type { CheckStatus, Violation } from './types.js';

/** What a check concluded, before it is labelled with its operation and name. */
export interface Outcome {
  status: CheckStatus;
  reason?: string;
  violations?: Violation[];
}

export const pass = (reason?: string): Outcome => (reason ? { status: 'pass', reason } : { status: 'pass' });
export const skip = (reason: string): Outcome => ({ status: 'skipped', reason });
export const fail = (violations: Violation[], reason?: string): Outcome =>
  reason ? { status: 'fail', reason, violations } : { status: 'fail', violations };
export const outcome = (violations: Violation[]): Outcome =>
  violations.length > 0 ? fail(violations) : pass();

/** The first characters of a body, on one line, for messages. */
export function snippet(text: string, length = 80): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips.
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

function violationFromAjv(error: ErrorObject, message: string): Violation {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const extra = error.keyword === 'required' ? params.missingProperty : params.additionalProperty;
  const escaped = extra === undefined ? undefined : escapeSegment(extra);
  const pointer =
    (error.keyword === 'required' || error.keyword === 'additionalProperties') && escaped !== undefined
      ? `${error.instancePath}/${escaped}`
      : error.instancePath;
  return { pointer, message };
}

/** Ajv errors as violations, each pointing into the validated value. */
export function schemaViolations(
  schemas: DocumentSchemas,
  schemaPointer: string,
  value: unknown,
): Violation[] {
  const errors = schemas.validate(schemaPointer, value);
  const messages = describeErrors(errors);
  return errors.map((error, i) => violationFromAjv(error, messages[i]!));
}

/** Parses a JSON body; an empty or malformed one is a violation at the root. */
export function parseJsonBody(text: string): { value: unknown } | { violation: Violation } {
  if (text.trim() === '') return { violation: { pointer: '', message: 'the body is empty' } };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return {
      violation: {
        pointer: '',
        message: `the body is not valid JSON (${(error as Error).message}); it starts with "${snippet(text)}"`,
      },
    };
  }
}

/** Parses a response's JSON body; a body over the read cap is a violation at the root that names the cap. */
export function parseResponseBody(response: HttpResponse): { value: unknown } | { violation: Violation } {
  if (response.bodyTooLarge) return { violation: { pointer: '', message: response.bodyTooLarge } };
  return parseJsonBody(response.text);
}

const hasBody = (response: HttpResponse) => response.text.length > 0 || response.bodyTooLarge !== undefined;

const undocumented = (status: number) =>
  skip(`status ${status} is not documented (see status_code_conformance)`);

/** The status is documented for the operation: exactly, by its range (`4XX`), or by `default`. */
export function isDocumentedStatus(doc: OpenApiDocument, entry: OperationEntry, status: number): boolean {
  return documentedResponse(doc, entry, status) !== undefined;
}

export function describeDocumentedStatuses(entry: OperationEntry): string {
  return documentedStatuses(entry).join(', ') || 'none';
}

/** `content_type_conformance` for one response: a body's Content-Type is present and documented for its status. */
export function judgeContentType(
  doc: OpenApiDocument,
  entry: OperationEntry,
  response: HttpResponse,
): Outcome {
  const documented = documentedResponse(doc, entry, response.status);
  if (!documented) return undocumented(response.status);
  const mediaTypes = Object.keys(documented.value.content ?? {});
  const contentType = response.headers['content-type'];
  if (mediaTypes.length === 0) {
    if (!hasBody(response)) return pass();
    return fail([
      {
        pointer: '/headers/content-type',
        message: `the spec documents no body for ${documented.key}, but the response has a${contentType ? ` ${essence(contentType)}` : 'n untyped'} body`,
      },
    ]);
  }
  if (!contentType) {
    return fail([
      {
        pointer: '/headers/content-type',
        message: `the response has no Content-Type header; documented for ${documented.key}: ${mediaTypes.join(', ')}`,
      },
    ]);
  }
  if (!findMediaType(documented, contentType)) {
    return fail([
      {
        pointer: '/headers/content-type',
        message: `"${essence(contentType)}" is not documented for ${documented.key} (documented: ${mediaTypes.join(', ')})`,
      },
    ]);
  }
  return pass();
}

/**
 * `response_schema_conformance` for one response: the body validates against the schema documented for its status
 * and content type (or, when the content type is not documented, the first documented JSON media type, so a body
 * with a wrong label is still checked).
 */
export function judgeBody(
  doc: OpenApiDocument,
  schemas: DocumentSchemas,
  entry: OperationEntry,
  method: string,
  response: HttpResponse,
): Outcome {
  if (method === 'HEAD') return skip('a HEAD response has no body');
  const documented = documentedResponse(doc, entry, response.status);
  if (!documented) return undocumented(response.status);
  if (Object.keys(documented.value.content ?? {}).length === 0) {
    return !hasBody(response)
      ? pass()
      : fail([
          { pointer: '', message: `the spec documents no body for ${documented.key}, but one was sent` },
        ]);
  }
  const media = findMediaType(documented, response.headers['content-type']) ?? firstJsonMediaType(documented);
  if (!media) return skip(`no JSON media type is documented for ${documented.key}`);
  if (!isJsonMediaType(media.mediaType)) return skip(`${media.mediaType} bodies are not checked (not JSON)`);
  const parsed = parseResponseBody(response);
  if ('violation' in parsed) return fail([parsed.violation]);
  if (!media.value.schema) return pass(`the spec gives no schema for ${documented.key} ${media.mediaType}`);
  return outcome(schemaViolations(schemas, child(media.pointer, 'schema'), parsed.value));
}

/** A header's text as the JSON value its schema describes, so `"42"` validates as an integer. */
function headerValue(doc: OpenApiDocument, schema: JsonSchema | undefined, text: string): unknown {
  if (!schema) return text;
  const resolved = deref<JsonSchema>(doc, schema);
  const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type];
  if (
    (types.includes('integer') || types.includes('number')) &&
    /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text.trim())
  ) {
    return Number(text.trim());
  }
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** `response_headers_conformance`: documented required headers are present, and every documented header is valid. */
export function judgeHeaders(
  doc: OpenApiDocument,
  schemas: DocumentSchemas,
  entry: OperationEntry,
  response: HttpResponse,
): Outcome {
  const documented = documentedResponse(doc, entry, response.status);
  if (!documented) return undocumented(response.status);
  const headers = documentedHeaders(doc, documented);
  if (headers.length === 0) return skip(`the spec documents no response headers for ${documented.key}`);
  const violations: Violation[] = [];
  for (const { name, header, schemaPointer } of headers) {
    const pointer = toValuePointer(['headers', name]);
    const text = response.headers[name.toLowerCase()];
    if (text === undefined) {
      if (header.required) violations.push({ pointer, message: `the required header ${name} is missing` });
      continue;
    }
    if (!schemaPointer) continue;
    const value = headerValue(doc, header.schema, text);
    for (const v of schemaViolations(schemas, schemaPointer, value)) {
      violations.push({
        pointer,
        message: `${name}: "${snippet(text)}" ${v.message.replace(/^\(root\) /, '')}`,
      });
    }
  }
  return outcome(violations);
}

/**
 * The answer to a request for an unknown id: a documented 4xx, with a documented content type, whose body
 * validates against the schema documented for that status (the vendor's error envelope).
 */
export function judgeErrorEnvelope(
  doc: OpenApiDocument,
  schemas: DocumentSchemas,
  entry: OperationEntry,
  response: HttpResponse,
  asked: string,
): Violation[] {
  const { status } = response;
  if (status < 400 || status > 499) {
    return [{ pointer: '/status', message: `${asked} was answered ${status}; expected a documented 4xx` }];
  }
  const documented = documentedResponse(doc, entry, status);
  if (!documented) {
    return [
      {
        pointer: '/status',
        message: `${asked} was answered ${status}, which the spec does not document (documented: ${describeDocumentedStatuses(entry)})`,
      },
    ];
  }
  const contentType = response.headers['content-type'];
  const media = findMediaType(documented, contentType);
  const mediaTypes = Object.keys(documented.value.content ?? {});
  if (mediaTypes.length === 0) return [];
  if (!media) {
    return [
      {
        pointer: '/headers/content-type',
        message: `${asked} was answered ${status} with ${contentType ? `"${essence(contentType)}"` : 'no Content-Type'}, not the documented ${mediaTypes.join(', ')}; the body starts with "${snippet(response.text)}"`,
      },
    ];
  }
  if (!isJsonMediaType(media.mediaType) || !media.value.schema) return [];
  const parsed = parseResponseBody(response);
  if ('violation' in parsed) {
    return [{ ...parsed.violation, message: `${asked}: ${parsed.violation.message}` }];
  }
  return schemaViolations(schemas, child(media.pointer, 'schema'), parsed.value).map((v) => ({
    ...v,
    message: `${asked}: ${v.message}`,
  }));
}
