import { randomBytes } from 'node:crypto';
import {
  child,
  type DocumentSchemas,
  documentedResponse,
  documentedStatuses,
  essence,
  findMediaType,
  isJsonMediaType,
  type OpenApiDocument,
  type OperationEntry,
} from '@modelspecs/spec-tools';
import { noAnswer, responseOf } from '../exchange.js';
import type { HttpResponse } from '../http.js';
import { describeRequest, requestTemplate } from '../requests.js';
import type { Violation } from '../types.js';
import type { Check } from './check.js';
import { fail, outcome, skip } from './outcome.js';
import {
  describeDocumentedStatuses,
  is4xx,
  parseResponseBody,
  schemaViolations,
  snippet,
} from './response.js';

export const STATELESS_IDS =
  'the target is a stateless mock: any id returns the same example, so there is no unknown id to ask for';

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
  if (!is4xx(status)) {
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

/** The operation's last path parameter set to an id no server has gets the vendor's documented error envelope. */
export const errorEnvelopeConformance: Check = {
  name: 'error_envelope_conformance',
  run: async ({ doc, schemas, planned, kind, pathParams, credentials, send }) => {
    const last = [...planned.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).at(-1);
    if (last === undefined) return skip('the path has no parameter to ask for an unknown id');
    if (!documentedStatuses(planned.entry).some((s) => /^4/.test(s) || s === 'default')) {
      return skip(
        'the spec documents no 4xx (or default) answer for this operation: no error envelope to check',
      );
    }
    if (kind === 'mock') return skip(STATELESS_IDS);
    const unknown = `modelspecs-unknown-${randomBytes(6).toString('hex')}`;
    const request = requestTemplate(doc, planned.entry, { ...pathParams, [last]: unknown });
    const exchange = await send(request, credentials, `${describeRequest(request)} (an unknown ${last})`);
    const response = responseOf(exchange);
    if (!response) return fail([{ pointer: '/status', message: noAnswer(exchange) }]);
    return outcome(judgeErrorEnvelope(doc, schemas, planned.entry, response, exchange.asked));
  },
};
