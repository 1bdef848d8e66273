import { describe, expect, it } from 'vitest';
import { errorEnvelopeConformance, STATELESS_IDS } from '../../src/checks/error-envelope-conformance.js';
import {
  type Answer,
  type Answering,
  connectionReset,
  contextFor,
  KEY,
  ok,
  type SentRequest,
  widgetsSpec,
} from '../support/check-context.js';

const UNKNOWN = /^\/widgets\/modelspecs-unknown-[0-9a-f]{12}$/;
const isUnknown = (request: SentRequest) => request.target.includes('modelspecs-unknown-');

/** Listed widgets are served; the unknown id gets `answer`. */
const unknownGets =
  (answer: Answer | Error): Answering =>
  (request) =>
    isUnknown(request)
      ? answer
      : request.target === '/widgets'
        ? ok({ data: [{ id: 'w1', size: 1 }] })
        : ok({ id: 'w1', size: 1 });

async function judge(
  answering: Answering,
  options: { doc?: ReturnType<typeof widgetsSpec>; kind?: 'mock' | 'server' } = {},
) {
  const { context, sent } = await contextFor(options.doc ?? widgetsSpec(), 'getWidget', answering, options);
  const before = sent.length;
  const result = await errorEnvelopeConformance.run(context);
  const probes = sent.slice(before);
  const asked = probes[0] ? `GET ${probes[0].target} (an unknown widget_id)` : '';
  return { result, probes, asked };
}

const envelope = (status: number, body: object | string, type = 'application/json') => ({
  status,
  headers: { 'content-type': type },
  body,
});

describe('error_envelope_conformance', () => {
  it('asks for an unknown id, with the key, and passes the documented envelope', async () => {
    const { result, probes } = await judge(unknownGets(envelope(404, { error: 'no such widget' })));
    expect(result).toEqual({ status: 'pass' });
    expect(probes).toHaveLength(1);
    expect(probes[0]!.target).toMatch(UNKNOWN);
    expect(probes[0]!.headers['X-Key']).toBe(KEY);
  });

  it('fails an answer that is not a 4xx', async () => {
    for (const status of [200, 302, 500]) {
      const { result, asked } = await judge(unknownGets(envelope(status, { error: 'x' })));
      expect(result).toEqual({
        status: 'fail',
        violations: [
          { pointer: '/status', message: `${asked} was answered ${status}; expected a documented 4xx` },
        ],
      });
    }
  });

  it('fails an undocumented 4xx, listing the documented statuses', async () => {
    const { result, asked } = await judge(unknownGets(envelope(410, { error: 'gone' })));
    expect(result.violations).toEqual([
      {
        pointer: '/status',
        message: `${asked} was answered 410, which the spec does not document (documented: 200, 401, 404)`,
      },
    ]);
  });

  it('fails an envelope of another content type, quoting its start', async () => {
    const html = await judge(
      unknownGets(envelope(404, '<html><body>Not Found</body></html>', 'text/html; charset=utf-8')),
    );
    expect(html.result.violations).toEqual([
      {
        pointer: '/headers/content-type',
        message: `${html.asked} was answered 404 with "text/html", not the documented application/json; the body starts with "<html><body>Not Found</body></html>"`,
      },
    ]);
    const untyped = await judge(unknownGets({ status: 404, body: 'nope' }));
    expect(untyped.result.violations).toEqual([
      {
        pointer: '/headers/content-type',
        message: `${untyped.asked} was answered 404 with no Content-Type, not the documented application/json; the body starts with "nope"`,
      },
    ]);
    const twoTypes = widgetsSpec();
    const notFound = twoTypes.paths!['/widgets/{widget_id}']!.get!.responses!['404'] as {
      content: Record<string, unknown>;
    };
    notFound.content['application/problem+json'] = { schema: { type: 'object' } };
    const listed = await judge(unknownGets(envelope(404, 'gone', 'text/plain')), { doc: twoTypes });
    expect(listed.result.violations).toEqual([
      {
        pointer: '/headers/content-type',
        message: `${listed.asked} was answered 404 with "text/plain", not the documented application/json, application/problem+json; the body starts with "gone"`,
      },
    ]);
  });

  it('validates the envelope against the documented schema, each violation naming the request', async () => {
    const { result, asked } = await judge(unknownGets(envelope(404, { message: 'not here' })));
    expect(result).toEqual({
      status: 'fail',
      violations: [
        { pointer: '/error', message: `${asked}: (root) must have required property 'error'` },
        { pointer: '/message', message: `${asked}: (root) must NOT have additional properties ("message")` },
      ],
    });
  });

  it('fails an envelope that is not JSON', async () => {
    const { result, asked } = await judge(unknownGets(envelope(404, '')));
    expect(result.violations).toEqual([{ pointer: '', message: `${asked}: the body is empty` }]);
  });

  it('passes what it cannot check further: no content, a non-JSON or schemaless envelope', async () => {
    const bare = widgetsSpec();
    bare.paths!['/widgets/{widget_id}']!.get!.responses!['404'] = { description: 'not found' };
    expect((await judge(unknownGets({ status: 404, body: 'whatever' }), { doc: bare })).result).toEqual({
      status: 'pass',
    });
    const text = widgetsSpec();
    text.paths!['/widgets/{widget_id}']!.get!.responses!['404'] = {
      description: 'not found',
      content: { 'text/plain': { schema: { type: 'string' } } },
    };
    expect(
      (await judge(unknownGets(envelope(404, 'not {json', 'text/plain')), { doc: text })).result,
    ).toEqual({
      status: 'pass',
    });
    const schemaless = widgetsSpec();
    schemaless.paths!['/widgets/{widget_id}']!.get!.responses!['404'] = {
      description: 'not found',
      content: { 'application/json': {} },
    };
    expect((await judge(unknownGets(envelope(404, 'not {json')), { doc: schemaless })).result).toEqual({
      status: 'pass',
    });
  });

  it('fails when the unknown id got no answer', async () => {
    const { result, asked } = await judge(unknownGets(connectionReset()));
    expect(result).toEqual({
      status: 'fail',
      violations: [{ pointer: '/status', message: `${asked}: ECONNRESET: socket hang up` }],
    });
  });

  it('replaces the last path parameter and keeps the others', async () => {
    const doc = widgetsSpec();
    doc.paths!['/shelves/{shelf}/widgets/{widget_id}'] = {
      get: {
        operationId: 'getShelfWidget',
        parameters: [
          { name: 'shelf', in: 'path', required: true, schema: { type: 'string', example: 's1' } },
          { name: 'widget_id', in: 'path', required: true, schema: { type: 'string', example: 'w9' } },
        ],
        responses: { '200': { description: 'one' }, '404': { description: 'none' } },
      },
    };
    const { context, sent } = await contextFor(doc, 'getShelfWidget', () => ({ status: 404 }));
    expect(await errorEnvelopeConformance.run(context)).toEqual({ status: 'pass' });
    expect(sent.at(-1)!.target).toMatch(/^\/shelves\/s1\/widgets\/modelspecs-unknown-[0-9a-f]{12}$/);
  });

  it('skips a path without a parameter, an operation without a documented 4xx, and a stateless mock', async () => {
    const { context } = await contextFor(widgetsSpec(), 'listWidgets', () => ok({ data: [] }));
    expect(await errorEnvelopeConformance.run(context)).toEqual({
      status: 'skipped',
      reason: 'the path has no parameter to ask for an unknown id',
    });
    const only2xx = widgetsSpec();
    // 504 has a 4 in it, but not as its class.
    only2xx.paths!['/widgets/{widget_id}']!.get!.responses = {
      '200': { description: 'one' },
      '504': { description: 'timeout' },
      '5XX': { description: 'x' },
    };
    const noEnvelope = await judge(unknownGets({ status: 404 }), { doc: only2xx });
    expect(noEnvelope.result).toEqual({
      status: 'skipped',
      reason: 'the spec documents no 4xx (or default) answer for this operation: no error envelope to check',
    });
    expect(noEnvelope.probes).toEqual([]);
    for (const key of ['4XX', 'default']) {
      const ranged = widgetsSpec();
      ranged.paths!['/widgets/{widget_id}']!.get!.responses = {
        '200': { description: 'one' },
        [key]: { description: 'x' },
      };
      expect((await judge(unknownGets({ status: 404 }), { doc: ranged })).result, key).toEqual({
        status: 'pass',
      });
    }
    const mock = await judge(unknownGets({ status: 404 }), { kind: 'mock' });
    expect(mock.result).toEqual({ status: 'skipped', reason: STATELESS_IDS });
    expect(mock.probes).toEqual([]);
    expect(STATELESS_IDS).toBe(
      'the target is a stateless mock: any id returns the same example, so there is no unknown id to ask for',
    );
  });
});
