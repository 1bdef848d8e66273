import type { ResponseObject } from '@modelspecs/spec-tools';
import { describe, expect, it } from 'vitest';
import { responseHeadersConformance } from '../../src/checks/response-headers-conformance.js';
import { type Answer, connectionReset, contextFor, ok, widgetsSpec } from '../support/check-context.js';

async function judge(answer: Answer | Error, doc = widgetsSpec()) {
  const { context } = await contextFor(doc, 'listWidgets', () => answer);
  return responseHeadersConformance.run(context);
}

const withHeaders = (headers: Record<string, string>) => ok({ data: [] }, { 'X-Count': '3', ...headers });

describe('response_headers_conformance', () => {
  it('passes valid headers and leaves out the optional ones that are missing', async () => {
    expect(await judge(withHeaders({}))).toEqual({ status: 'pass' });
    expect(await judge(withHeaders({ 'X-Fresh': 'false', 'X-Ratio': '0.5', 'X-Note': 'anything' }))).toEqual({
      status: 'pass',
    });
  });

  it('fails a missing required header, pointing at it', async () => {
    expect(await judge(ok({ data: [] }))).toEqual({
      status: 'fail',
      violations: [{ pointer: '/headers/X-Count', message: 'the required header X-Count is missing' }],
    });
  });

  it('escapes "/" and "~" in a header name of the pointer', async () => {
    const doc = widgetsSpec();
    (doc.paths!['/widgets']!.get!.responses!['200'] as ResponseObject).headers = {
      'X-a~b/c': { required: true },
    };
    expect((await judge(ok({ data: [] }), doc)).violations).toEqual([
      { pointer: '/headers/X-a~0b~1c', message: 'the required header X-a~b/c is missing' },
    ]);
  });

  it('reads numbers with a sign, decimals and an exponent, and only those', async () => {
    for (const ratio of ['-1.5', '2e3', '1.25E-2', '-7', '3.0e+1']) {
      expect(await judge(withHeaders({ 'X-Ratio': ratio })), ratio).toEqual({ status: 'pass' });
    }
    for (const ratio of ['+1', '1.', '.5', '1e', '0x10', 'soon', '1 2']) {
      expect((await judge(withHeaders({ 'X-Ratio': ratio }))).violations, ratio).toEqual([
        { pointer: '/headers/X-Ratio', message: `X-Ratio: "${ratio}" must be number` },
      ]);
    }
    expect((await judge(withHeaders({ 'X-Count': '1.5' }))).violations).toEqual([
      { pointer: '/headers/X-Count', message: 'X-Count: "1.5" must be integer' },
    ]);
  });

  it('reads numbers of any length, around spaces, and only for a number or integer header', async () => {
    for (const ratio of ['1e10', '-12.75E-12', ' 42 ']) {
      expect(await judge(withHeaders({ 'X-Ratio': ratio })), ratio).toEqual({ status: 'pass' });
    }
    const doc = widgetsSpec();
    (doc.paths!['/widgets']!.get!.responses!['200'] as ResponseObject).headers!['X-Note'] = {
      schema: { type: 'string', maxLength: 2 },
    };
    expect(await judge(withHeaders({ 'X-Note': '42' }), doc)).toEqual({ status: 'pass' });
    expect(await judge(withHeaders({ 'X-Note': 'true' }), doc)).toEqual({
      status: 'fail',
      violations: [
        { pointer: '/headers/X-Note', message: 'X-Note: "true" must NOT have more than 2 characters' },
      ],
    });
  });

  it('reads "true" as true and "false" as false', async () => {
    for (const [allowed, other] of [
      [true, 'false'],
      [false, 'true'],
    ] as const) {
      const doc = widgetsSpec();
      (doc.paths!['/widgets']!.get!.responses!['200'] as ResponseObject).headers!['X-Fresh'] = {
        schema: { type: 'boolean', enum: [allowed] },
      };
      expect(await judge(withHeaders({ 'X-Fresh': String(allowed) }), doc), String(allowed)).toEqual({
        status: 'pass',
      });
      expect((await judge(withHeaders({ 'X-Fresh': other }), doc)).violations, other).toEqual([
        {
          pointer: '/headers/X-Fresh',
          message: `X-Fresh: "${other}" must be equal to one of the allowed values (${allowed})`,
        },
      ]);
    }
  });

  it('reads "true" and "false" as booleans, and nothing else', async () => {
    expect(await judge(withHeaders({ 'X-Fresh': 'true' }))).toEqual({ status: 'pass' });
    for (const fresh of ['TRUE', 'yes', '1']) {
      expect((await judge(withHeaders({ 'X-Fresh': fresh }))).violations, fresh).toEqual([
        { pointer: '/headers/X-Fresh', message: `X-Fresh: "${fresh}" must be boolean` },
      ]);
    }
  });

  it('reads a header by a referenced schema and by a type list', async () => {
    const doc = widgetsSpec();
    doc.components!.schemas!.Count = { type: ['integer', 'null'] };
    (doc.paths!['/widgets']!.get!.responses!['200'] as ResponseObject).headers = {
      'X-Count': { required: true, schema: { $ref: '#/components/schemas/Count' } },
    };
    expect(await judge(withHeaders({ 'X-Count': '12' }), doc)).toEqual({ status: 'pass' });
    expect((await judge(withHeaders({ 'X-Count': 'many' }), doc)).violations).toEqual([
      { pointer: '/headers/X-Count', message: 'X-Count: "many" must be integer,null' },
    ]);
  });

  it('quotes at most 80 characters of a bad value', async () => {
    const value = 'z'.repeat(90);
    expect((await judge(withHeaders({ 'X-Fresh': value }))).violations).toEqual([
      { pointer: '/headers/X-Fresh', message: `X-Fresh: "${'z'.repeat(80)}…" must be boolean` },
    ]);
  });

  it('skips a status that documents no headers, an undocumented one and a missing answer', async () => {
    expect(await judge({ status: 401 })).toEqual({
      status: 'skipped',
      reason: 'the spec documents no response headers for 401',
    });
    expect(await judge({ status: 404 })).toEqual({
      status: 'skipped',
      reason: 'status 404 is not documented (see status_code_conformance)',
    });
    expect(await judge(connectionReset())).toEqual({
      status: 'skipped',
      reason: 'no response to judge (see not_a_server_error)',
    });
  });
});
