// What the package suites share. They read no vendor's spec: the made-up vendor below stands for any; each real
// vendor's facts are checked by the per-vendor suites (test/vendor/, with test/vendor/spec-vendors.ts).
import { expect } from 'vitest';
import type { Fetch } from '../src/fetch.js';
import { ApiError, type Logger } from '../src/index.js';

export interface Recorder {
  fetch: Fetch;
  /** Every request the client sent, as the Request fetch() would have built from it. */
  requests: Request[];
}

/** A fetch that records what it is sent and answers with `respond` (which may throw, like a failed connection). */
export function recorder(
  respond: (request: Request, attempt: number) => Response | Promise<Response>,
): Recorder {
  const requests: Request[] = [];
  return {
    requests,
    fetch: async (url, init) => {
      const request = new Request(url, init);
      requests.push(request);
      return respond(request, requests.length);
    },
  };
}

/** A logger that keeps each line with its level. */
export function recordingLogger(): { logged: [string, string][]; logger: Logger } {
  const logged: [string, string][] = [];
  const logger = Object.fromEntries(
    (['error', 'warn', 'info', 'debug'] as const).map((level) => [
      level,
      (line: string) => logged.push([level, line]),
    ]),
  ) as unknown as Logger;
  return { logged, logger };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** What a call rejected with, checked to be an ApiError. */
export async function reject(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/** Facts of a made-up vendor, for behaviour that does not depend on any one spec. */
export const exampleFacts = {
  slug: 'acme',
  name: 'Acme',
  envVar: 'ACME_API_KEY',
  baseUrl: 'https://api.acme.test/v1',
  securitySchemes: {
    bearer: { type: 'http', scheme: 'bearer' },
    header: { type: 'apiKey', in: 'header', name: 'X-Acme-Key' },
    session: { type: 'apiKey', in: 'header', name: 'X-Acme-Session' },
  },
  security: [['bearer'], ['header', 'session']],
  userAgent: '@modelspecs/acme/1.2.3',
  // The made-up vendor's error envelope: `{error: {message, code}}`, `{detail}` or `{message, code}`.
  errorEnvelope: {
    message: ['/error/message', '/detail', '/message'],
    code: ['/error/code', '/error/type', '/code'],
    requestIdHeader: 'x-request-id',
  },
} as const;

/** A typed `paths` for the made-up vendor. */
export interface AcmePaths {
  '/models': {
    get: {
      parameters: { query?: { limit?: number }; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: { 'application/json': { data: { id: string }[] } };
        };
        default: { headers: { [name: string]: unknown }; content: { 'application/json': unknown } };
      };
    };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { 'application/json': { name: string } } };
      responses: {
        201: { headers: { [name: string]: unknown }; content: { 'application/json': { id: string } } };
      };
    };
  };
  '/models/{model_id}': {
    parameters: { query?: never; header?: never; path: { model_id: string }; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { model_id: string }; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { 'application/json': { id: string } } };
      };
    };
    put: {
      parameters: { query?: never; header?: never; path: { model_id: string }; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { 'application/json': { id: string } } };
      };
    };
    delete: {
      parameters: { query?: never; header?: never; path: { model_id: string }; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { 'application/json': { id: string } } };
      };
    };
    patch: {
      parameters: { query?: never; header?: never; path: { model_id: string }; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { 'application/json': { id: string } } };
      };
    };
  };
}
