import {
  documentedResponse,
  firstJsonMediaType,
  type Located,
  listOperations,
  mediaTypeExample,
  type OpenApiDocument,
  type OperationEntry,
  type ResponseObject,
} from '@modelspecs/spec-tools';

/**
 * The operation extension of the mock document that carries the answer to an invalid request. Read by
 * `preload/invalid-requests.mjs` inside the Prism process; never part of a published spec.
 */
export const INVALID_REQUEST_EXTENSION = 'x-modelspecs-invalid-request';

/** What a mock answers to a request it cannot accept: a body that does not parse, or breaks the spec. */
export interface InvalidRequestAnswer {
  status: number;
  contentType: string;
  body: unknown;
}

/** The answer built from a documented response: its status and the first example of its JSON media type. */
function answerFrom(
  doc: OpenApiDocument,
  response: Located<ResponseObject> | undefined,
  status: number,
): InvalidRequestAnswer | undefined {
  if (!response) return undefined;
  const media = firstJsonMediaType(response);
  const body = mediaTypeExample(doc, media?.value);
  if (!media || body === undefined) return undefined;
  return { status, contentType: media.mediaType, body };
}

/** The operation's own response for exactly `status` (`400`, `422`), not its range or `default`. */
function exactly(
  doc: OpenApiDocument,
  entry: OperationEntry,
  status: number,
): Located<ResponseObject> | undefined {
  const found = documentedResponse(doc, entry, status);
  return found?.key === String(status) ? found : undefined;
}

/**
 * The vendor's answer to an invalid request on one operation, in this order: its documented `400`, its documented
 * `422`, its `4XX` or `default` response (sent as 400), then the spec's `400` or `422` of another operation (sent
 * as 400, the way a vendor answers a malformed request anywhere), then the operation's lowest documented 4xx error
 * body (sent as 400). `undefined` when the spec documents no error body with an example at all.
 */
export function invalidRequestAnswer(
  doc: OpenApiDocument,
  entry: OperationEntry,
  operations: readonly OperationEntry[] = listOperations(doc),
): InvalidRequestAnswer | undefined {
  const own =
    answerFrom(doc, exactly(doc, entry, 400), 400) ??
    answerFrom(doc, exactly(doc, entry, 422), 422) ??
    answerFrom(doc, documentedResponse(doc, entry, 400), 400);
  if (own) return own;
  for (const status of [400, 422]) {
    for (const other of operations) {
      const borrowed = answerFrom(doc, exactly(doc, other, status), 400);
      if (borrowed) return borrowed;
    }
  }
  const errors = Object.keys(entry.operation.responses ?? {})
    .filter((key) => /^4\d\d$/.test(key))
    .sort();
  for (const key of errors) {
    const answer = answerFrom(doc, exactly(doc, entry, Number(key)), 400);
    if (answer) return answer;
  }
  return undefined;
}

/** Writes every operation's invalid-request answer into the mock document (see `INVALID_REQUEST_EXTENSION`). */
export function markInvalidRequestAnswers(doc: OpenApiDocument): void {
  const operations = listOperations(doc);
  for (const entry of operations) {
    const answer = invalidRequestAnswer(doc, entry, operations);
    if (answer) entry.operation[INVALID_REQUEST_EXTENSION] = answer;
  }
}
