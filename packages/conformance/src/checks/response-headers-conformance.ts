import {
  type DocumentSchemas,
  deref,
  documentedHeaders,
  documentedResponse,
  type JsonSchema,
  type OpenApiDocument,
  type OperationEntry,
} from '@modelspecs/spec-tools';
import { responseOf } from '../exchange.js';
import type { HttpResponse } from '../http.js';
import type { Violation } from '../types.js';
import type { Check } from './check.js';
import { NO_RESPONSE, type Outcome, outcome, skip, undocumentedStatus } from './outcome.js';
import { pointerTo, schemaViolations, snippet } from './response.js';

/** A header's text as the JSON value its schema describes, so `"42"` validates as an integer. */
function headerValue(doc: OpenApiDocument, schema: JsonSchema, text: string): unknown {
  const resolved = deref<JsonSchema>(doc, schema);
  const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type];
  // The values come from a Response's Headers, which strip the whitespace around them; the trim keeps this reader
  // right on its own.
  // Stryker disable next-line MethodExpression: equivalent for every value a Response can carry (see above)
  const trimmed = text.trim();
  if (
    (types.includes('integer') || types.includes('number')) &&
    /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(trimmed)
  ) {
    return Number(trimmed);
  }
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** Documented required headers are present, and every documented header that is present is valid. */
export function judgeHeaders(
  doc: OpenApiDocument,
  schemas: DocumentSchemas,
  entry: OperationEntry,
  response: HttpResponse,
): Outcome {
  const documented = documentedResponse(doc, entry, response.status);
  if (!documented) return undocumentedStatus(response.status);
  const headers = documentedHeaders(doc, documented);
  if (headers.length === 0) return skip(`the spec documents no response headers for ${documented.key}`);
  const violations: Violation[] = [];
  for (const { name, header, schemaPointer } of headers) {
    const pointer = pointerTo('headers', name);
    const text = response.headers[name.toLowerCase()];
    if (text === undefined) {
      if (header.required) violations.push({ pointer, message: `the required header ${name} is missing` });
      continue;
    }
    if (!schemaPointer) continue;
    // A header with a schema pointer has a schema: `{}` only satisfies the type.
    const value = headerValue(doc, header.schema ?? {}, text);
    for (const v of schemaViolations(schemas, schemaPointer, value)) {
      violations.push({
        pointer,
        // Stryker disable next-line Regex: a header's value is a scalar, so every message starts with "(root) "
        message: `${name}: "${snippet(text)}" ${v.message.replace(/^\(root\) /, '')}`,
      });
    }
  }
  return outcome(violations);
}

export const responseHeadersConformance: Check = {
  name: 'response_headers_conformance',
  run: ({ doc, schemas, planned, main }) => {
    const response = responseOf(main);
    return response ? judgeHeaders(doc, schemas, planned.entry, response) : NO_RESPONSE;
  },
};
