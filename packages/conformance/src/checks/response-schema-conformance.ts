import {
  child,
  type DocumentSchemas,
  documentedResponse,
  findMediaType,
  firstJsonMediaType,
  isJsonMediaType,
  type OpenApiDocument,
  type OperationEntry,
} from '@modelspecs/spec-tools';
import { responseOf } from '../exchange.js';
import type { HttpResponse } from '../http.js';
import type { Check } from './check.js';
import { fail, NO_RESPONSE, type Outcome, outcome, pass, skip, undocumentedStatus } from './outcome.js';
import { hasBody, parseResponseBody, schemaViolations } from './response.js';

/**
 * The body validates against the schema documented for its status and content type (or, when the content type is
 * not documented, the first documented JSON media type, so a body with a wrong label is still checked).
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
  if (!documented) return undocumentedStatus(response.status);
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

export const responseSchemaConformance: Check = {
  name: 'response_schema_conformance',
  run: ({ doc, schemas, planned, main }) => {
    const response = responseOf(main);
    return response ? judgeBody(doc, schemas, planned.entry, planned.method, response) : NO_RESPONSE;
  },
};
