import {
  type DocumentSchemas,
  describeErrors,
  documentedResponse,
  documentedStatuses,
  type OpenApiDocument,
  type OperationEntry,
  toValuePointer,
} from '@modelspecs/spec-tools';
import type { ErrorObject } from 'ajv';
import type { HttpResponse } from '../http.js';
import type { Violation } from '../types.js';

/** A JSON pointer into a body or the exchange, without the `#` of a document pointer: `/headers/a~1b`. */
export const pointerTo = (...segments: (string | number)[]): string => toValuePointer(segments);

/** The first characters of a body, on one line, for messages. */
export function snippet(text: string, length = 80): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips.
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

function violationFromAjv(error: ErrorObject, message: string): Violation {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  // A missing or extra property is pointed at by name, below the object that lacks or has it (only the
  // `additionalProperties` keyword names an additionalProperty).
  const name = error.keyword === 'required' ? params.missingProperty : params.additionalProperty;
  return { pointer: name === undefined ? error.instancePath : error.instancePath + pointerTo(name), message };
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

export const hasBody = (response: HttpResponse): boolean =>
  response.text.length > 0 || response.bodyTooLarge !== undefined;

export const is2xx = (status: number): boolean => Math.trunc(status / 100) === 2;
export const is4xx = (status: number): boolean => Math.trunc(status / 100) === 4;

/** The status is documented for the operation: exactly, by its range (`4XX`), or by `default`. */
export function isDocumentedStatus(doc: OpenApiDocument, entry: OperationEntry, status: number): boolean {
  return documentedResponse(doc, entry, status) !== undefined;
}

export function describeDocumentedStatuses(entry: OperationEntry): string {
  return documentedStatuses(entry).join(', ') || 'none';
}
