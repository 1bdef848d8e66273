import {
  documentedResponse,
  essence,
  findMediaType,
  type OpenApiDocument,
  type OperationEntry,
} from '@modelspecs/spec-tools';
import { responseOf } from '../exchange.js';
import type { HttpResponse } from '../http.js';
import type { Check } from './check.js';
import { fail, NO_RESPONSE, type Outcome, pass, undocumentedStatus } from './outcome.js';
import { hasBody } from './response.js';

const POINTER = '/headers/content-type';

/** A body's Content-Type is present and documented for its status; a status documented without content has no body. */
export function judgeContentType(
  doc: OpenApiDocument,
  entry: OperationEntry,
  response: HttpResponse,
): Outcome {
  const documented = documentedResponse(doc, entry, response.status);
  if (!documented) return undocumentedStatus(response.status);
  const mediaTypes = Object.keys(documented.value.content ?? {});
  const contentType = response.headers['content-type'];
  if (mediaTypes.length === 0) {
    if (!hasBody(response)) return pass();
    return fail([
      {
        pointer: POINTER,
        message: `the spec documents no body for ${documented.key}, but the response has a${contentType ? ` ${essence(contentType)}` : 'n untyped'} body`,
      },
    ]);
  }
  if (!contentType) {
    return fail([
      {
        pointer: POINTER,
        message: `the response has no Content-Type header; documented for ${documented.key}: ${mediaTypes.join(', ')}`,
      },
    ]);
  }
  if (!findMediaType(documented, contentType)) {
    return fail([
      {
        pointer: POINTER,
        message: `"${essence(contentType)}" is not documented for ${documented.key} (documented: ${mediaTypes.join(', ')})`,
      },
    ]);
  }
  return pass();
}

export const contentTypeConformance: Check = {
  name: 'content_type_conformance',
  run: ({ doc, planned, main }) => {
    const response = responseOf(main);
    return response ? judgeContentType(doc, planned.entry, response) : NO_RESPONSE;
  },
};
