import { DocumentSchemas, listOperations } from '@modelspecs/spec-tools';
import { describe, expect, it } from 'vitest';
import { judgeBody, responseSchemaConformance } from '../../src/checks/response-schema-conformance.js';
import { bodyTooLargeMessage } from '../../src/http.js';
import { type Answer, connectionReset, contextFor, ok, widgetsSpec } from '../support/check-context.js';

async function judge(
  answer: Answer | Error,
  doc = widgetsSpec(),
  operationId = 'listWidgets',
  maxBodyBytes?: number,
) {
  const { context } = await contextFor(doc, operationId, () => answer, { maxBodyBytes });
  return responseSchemaConformance.run(context);
}

const json = (status: number, body: string) => ({
  status,
  headers: { 'content-type': 'application/json' },
  body,
});
const parseError = (text: string) => {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} is JSON`);
};

describe('response_schema_conformance', () => {
  it('passes a body that validates', async () => {
    expect(await judge(ok({ data: [{ id: 'w1', size: 1 }] }))).toEqual({ status: 'pass' });
  });

  it('points each violation at the value at fault, a missing property below its object', async () => {
    expect(await judge(ok({ data: [{ id: 'w1' }, { id: 2, size: 1 }] }))).toEqual({
      status: 'fail',
      violations: [
        { pointer: '/data/0/size', message: "/data/0 must have required property 'size'" },
        { pointer: '/data/1/id', message: '/data/1/id must be string' },
      ],
    });
  });

  it('escapes "/" and "~" in the name of an extra or missing property', async () => {
    const extra = await judge({
      status: 401,
      headers: { 'content-type': 'application/json' },
      body: { error: 'no', 'a/b~c': 1 },
    });
    expect(extra.violations?.map((v) => v.pointer)).toEqual(['/a~1b~0c']);
    const doc = widgetsSpec();
    doc.components!.schemas!.Error = { type: 'object', required: ['x/y~z'] };
    const missing = await judge(
      { status: 401, headers: { 'content-type': 'application/json' }, body: {} },
      doc,
    );
    expect(missing.violations).toEqual([
      { pointer: '/x~1y~0z', message: "(root) must have required property 'x/y~z'" },
    ]);
  });

  it('still validates a body whose content type is wrong, against the first documented JSON media type', async () => {
    expect(
      await judge({ status: 200, headers: { 'content-type': 'text/plain' }, body: { data: 'no' } }),
    ).toEqual({
      status: 'fail',
      violations: [{ pointer: '/data', message: '/data must be array' }],
    });
  });

  it('fails a body that is not JSON, empty, or too large to read', async () => {
    expect(await judge(json(200, '{"data": ['))).toEqual({
      status: 'fail',
      violations: [
        {
          pointer: '',
          message: `the body is not valid JSON (${parseError('{"data": [')}); it starts with "{"data": ["`,
        },
      ],
    });
    expect(await judge(json(200, ' \n '))).toEqual({
      status: 'fail',
      violations: [{ pointer: '', message: 'the body is empty' }],
    });
    const big = {
      status: 200,
      headers: { 'content-type': 'application/json', 'content-length': '100' },
      body: 'x'.repeat(100),
    };
    expect(await judge(big, widgetsSpec(), 'listWidgets', 10)).toEqual({
      status: 'fail',
      violations: [{ pointer: '', message: bodyTooLargeMessage(10) }],
    });
  });

  it('passes a media type without a schema, saying so', async () => {
    const doc = widgetsSpec();
    doc.paths!['/widgets']!.get!.responses!['200'] = {
      description: 'any',
      content: { 'application/json': {} },
    };
    expect(await judge(json(200, '[1]'), doc)).toEqual({
      status: 'pass',
      reason: 'the spec gives no schema for 200 application/json',
    });
  });

  it('checks no body that is not JSON', async () => {
    expect(
      await judge(
        { status: 200, headers: { 'content-type': 'text/plain' }, body: 'up' },
        widgetsSpec(),
        'health',
      ),
    ).toEqual({
      status: 'skipped',
      reason: 'text/plain bodies are not checked (not JSON)',
    });
    expect(await judge(json(200, '"up"'), widgetsSpec(), 'health')).toEqual({
      status: 'skipped',
      reason: 'no JSON media type is documented for 200',
    });
  });

  it('passes a status documented without content when no body comes, and fails one that has a body', async () => {
    const doc = widgetsSpec();
    doc.paths!['/widgets/{widget_id}']!.delete!.responses!['200'] = { description: 'deleted' };
    expect(await judge({ status: 200 }, doc, 'deleteWidget')).toEqual({ status: 'pass' });
    expect(await judge({ status: 200, body: 'gone' }, doc, 'deleteWidget')).toEqual({
      status: 'fail',
      violations: [{ pointer: '', message: 'the spec documents no body for 200, but one was sent' }],
    });
    const big = { status: 200, headers: { 'content-length': '100' }, body: 'x'.repeat(100) };
    expect(await judge(big, doc, 'deleteWidget', 10)).toMatchObject({ status: 'fail' });
  });

  it('skips a HEAD answer, an undocumented status and a missing answer', async () => {
    const doc = widgetsSpec();
    const entry = listOperations(doc).find((e) => e.operation.operationId === 'listWidgets')!;
    expect(
      judgeBody(doc, new DocumentSchemas(doc), entry, 'HEAD', { status: 200, headers: {}, text: '' }),
    ).toEqual({
      status: 'skipped',
      reason: 'a HEAD response has no body',
    });
    expect(await judge(json(404, '{}'))).toEqual({
      status: 'skipped',
      reason: 'status 404 is not documented (see status_code_conformance)',
    });
    expect(await judge(connectionReset())).toEqual({
      status: 'skipped',
      reason: 'no response to judge (see not_a_server_error)',
    });
  });
});
