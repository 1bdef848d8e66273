import { describe, expect, it } from 'vitest';
import { contentTypeConformance } from '../../src/checks/content-type-conformance.js';
import { type Answer, connectionReset, contextFor, widgetsSpec } from '../support/check-context.js';

const POINTER = '/headers/content-type';

async function judge(
  answer: Answer | Error,
  doc = widgetsSpec(),
  operationId = 'listWidgets',
  maxBodyBytes?: number,
) {
  const { context } = await contextFor(doc, operationId, () => answer, { maxBodyBytes });
  return contentTypeConformance.run(context);
}

/** The spec, with the delete answering a 200 that documents no content. */
function withEmptyOk() {
  const doc = widgetsSpec();
  doc.paths!['/widgets/{widget_id}']!.delete!.responses!['200'] = { description: 'deleted, nothing to say' };
  return doc;
}

describe('content_type_conformance', () => {
  it('passes a documented content type, whatever its parameters and case', async () => {
    const headers = { 'content-type': 'Application/JSON; charset=utf-8' };
    expect(await judge({ status: 200, headers, body: '{}' })).toEqual({ status: 'pass' });
  });

  it('fails an undocumented content type, naming the documented ones', async () => {
    expect(
      await judge({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<p>' }),
    ).toEqual({
      status: 'fail',
      violations: [
        { pointer: POINTER, message: '"text/html" is not documented for 200 (documented: application/json)' },
      ],
    });
  });

  it('names every documented media type, comma-separated', async () => {
    const doc = widgetsSpec();
    const ok200 = doc.paths!['/widgets']!.get!.responses!['200'] as { content: Record<string, unknown> };
    ok200.content['application/x-ndjson'] = {};
    expect(
      (await judge({ status: 200, headers: { 'content-type': 'text/html' }, body: '<p>' }, doc)).violations,
    ).toEqual([
      {
        pointer: POINTER,
        message: '"text/html" is not documented for 200 (documented: application/json, application/x-ndjson)',
      },
    ]);
    expect((await judge({ status: 200, body: '{}' }, doc)).violations).toEqual([
      {
        pointer: POINTER,
        message:
          'the response has no Content-Type header; documented for 200: application/json, application/x-ndjson',
      },
    ]);
  });

  it('fails a body without a Content-Type', async () => {
    expect(await judge({ status: 200, body: '{}' })).toEqual({
      status: 'fail',
      violations: [
        {
          pointer: POINTER,
          message: 'the response has no Content-Type header; documented for 200: application/json',
        },
      ],
    });
  });

  it('passes a status documented without content when no body comes, and fails one that has a body', async () => {
    expect(await judge({ status: 200 }, withEmptyOk(), 'deleteWidget')).toEqual({ status: 'pass' });
    expect(await judge({ status: 204 }, widgetsSpec(), 'deleteWidget')).toEqual({ status: 'pass' });
    expect(
      await judge(
        { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'gone' },
        withEmptyOk(),
        'deleteWidget',
      ),
    ).toEqual({
      status: 'fail',
      violations: [
        {
          pointer: POINTER,
          message: 'the spec documents no body for 200, but the response has a text/plain body',
        },
      ],
    });
    expect(await judge({ status: 200, body: 'gone' }, withEmptyOk(), 'deleteWidget')).toEqual({
      status: 'fail',
      violations: [
        {
          pointer: POINTER,
          message: 'the spec documents no body for 200, but the response has an untyped body',
        },
      ],
    });
  });

  it('counts a body too large to read as a body', async () => {
    const big = { status: 200, headers: { 'content-length': '100' }, body: 'x'.repeat(100) };
    expect((await judge(big, withEmptyOk(), 'deleteWidget', 10)).violations).toEqual([
      {
        pointer: POINTER,
        message: 'the spec documents no body for 200, but the response has an untyped body',
      },
    ]);
  });

  it('skips an undocumented status and a missing answer', async () => {
    expect(await judge({ status: 404 })).toEqual({
      status: 'skipped',
      reason: 'status 404 is not documented (see status_code_conformance)',
    });
    expect(await judge(connectionReset())).toEqual({
      status: 'skipped',
      reason: 'no response to judge (see not_a_server_error)',
    });
  });

  it('judges only the valid request, not what other checks sent', () => {
    expect(contentTypeConformance.judgesEveryExchange).toBeUndefined();
  });
});
