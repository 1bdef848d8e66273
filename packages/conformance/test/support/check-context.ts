/**
 * Direct tests of one check: a small spec (widgets), a context built the way a run builds it, and answers made by
 * hand for each request (the test's own fetch; nothing leaves the process).
 */
import type { OpenApiDocument } from '@modelspecs/spec-tools';
import type { CheckContext } from '../../src/checks/index.js';
import { parseBaseUrl, planOperations, type TargetKind } from '../../src/index.js';
import { runOrder } from '../../src/requests.js';
import { createSession, prepareOperation } from '../../src/run.js';

export const KEY = 'wdg_test_key_0123456789';
export const BASE = 'http://127.0.0.1:9/v1';

const json = (schema: object) => ({ 'application/json': { schema } });
const error = (description: string) => ({
  description,
  content: json({ $ref: '#/components/schemas/Error' }),
});

/** A small API: a list of widgets, one widget, a delete without content, and an open health check. */
export function widgetsSpec(): OpenApiDocument {
  return structuredClone({
    openapi: '3.1.0',
    info: { title: 'Widgets', version: '1.0.0' },
    servers: [{ url: BASE }],
    security: [{ key: [] }],
    components: {
      securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'string' } },
          additionalProperties: false,
        },
        Widget: {
          type: 'object',
          required: ['id', 'size'],
          properties: { id: { type: 'string' }, size: { type: 'integer' }, name: { type: 'string' } },
        },
      },
    },
    paths: {
      '/widgets': {
        get: {
          operationId: 'listWidgets',
          'x-modelspecs-list': {
            items: '/data',
            id: '/id',
            get: { operationId: 'getWidget', parameter: 'widget_id' },
          },
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10 } },
            { name: 'X-Shard', in: 'header', schema: { type: 'string', enum: ['a', 'b'] } },
          ],
          responses: {
            '200': {
              description: 'the widgets',
              headers: {
                'X-Count': { required: true, schema: { type: 'integer' } },
                'X-Fresh': { schema: { type: 'boolean' } },
                'X-Ratio': { schema: { type: 'number' } },
                'X-Note': {},
              },
              content: json({
                type: 'object',
                required: ['data'],
                properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Widget' } } },
              }),
            },
            '400': error('bad input'),
            '401': error('no key'),
          },
        },
      },
      '/widgets/{widget_id}': {
        parameters: [
          { name: 'widget_id', in: 'path', required: true, schema: { type: 'string', example: 'w1' } },
        ],
        get: {
          operationId: 'getWidget',
          responses: {
            '200': { description: 'one widget', content: json({ $ref: '#/components/schemas/Widget' }) },
            '401': error('no key'),
            '404': error('no such widget'),
          },
        },
        delete: {
          operationId: 'deleteWidget',
          responses: {
            '204': { description: 'deleted' },
            '401': error('no key'),
            '404': error('no such widget'),
          },
        },
      },
      '/health': {
        get: {
          operationId: 'health',
          security: [],
          responses: {
            '200': { description: 'up', content: { 'text/plain': { schema: { type: 'string' } } } },
          },
        },
      },
    },
  }) as OpenApiDocument;
}

/** What the test's server answers: a status, headers and a body (an object is sent as JSON), or a failure. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string | object;
}

export interface SentRequest {
  method: string;
  /** Path and query, below the base URL: `/widgets?limit=11`. */
  target: string;
  headers: Record<string, string>;
}

export type Answering = (request: SentRequest) => Answer | Error;

export const ok = (body: object, headers: Record<string, string> = {}): Answer => ({
  status: 200,
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

function toResponse(answer: Answer): Response {
  const { body } = answer;
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  // Bytes, not a string: a string body would get a Content-Type the test did not choose.
  return new Response(text === undefined ? null : new TextEncoder().encode(text), {
    status: answer.status,
    headers: answer.headers,
  });
}

/**
 * The context `check.run` gets for one operation, after the run has sent the valid request of every operation
 * checked before it (so a fetch-by-id operation has its list's answer). `sent` records every request, in order.
 */
export async function contextFor(
  doc: OpenApiDocument,
  operationId: string,
  answering: Answering,
  options: { kind?: TargetKind; key?: string; maxListedIds?: number; maxBodyBytes?: number } = {},
): Promise<{ context: CheckContext; sent: SentRequest[] }> {
  const sent: SentRequest[] = [];
  const base = parseBaseUrl(BASE);
  const fetch = async (url: string, init: RequestInit) => {
    const request: SentRequest = {
      method: init.method ?? 'GET',
      target: url.slice(BASE.length),
      headers: { ...(init.headers as Record<string, string>) },
    };
    sent.push(request);
    const answer = answering(request);
    if (answer instanceof Error) throw answer;
    return toResponse(answer);
  };
  const plan = planOperations(doc, { baseUrl: base });
  const session = createSession({
    doc,
    plan,
    kind: options.kind ?? 'server',
    key: options.key ?? KEY,
    target: {
      fetch,
      base,
      limits: {
        timeoutMs: 5000,
        maxListedIds: options.maxListedIds ?? 20,
        maxBodyBytes: options.maxBodyBytes ?? 1 << 20,
      },
    },
  });
  for (const planned of runOrder(plan)) {
    const context = await prepareOperation(session, planned);
    if (planned.operationId === operationId) return { context, sent };
  }
  throw new Error(`No operation ${operationId}`);
}

/** A refused connection of the kind fetch reports, with the code in its cause. */
export function connectionReset(): Error {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
  });
}
