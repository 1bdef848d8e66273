import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type ConformanceReport, formatJson, formatJunit, formatText, summarize } from '../src/index.js';

const results: ConformanceReport['vendors'][number]['results'] = [
  { operationId: 'listModels', method: 'GET', path: '/models', check: 'not_a_server_error', status: 'pass' },
  {
    operationId: 'listModels',
    method: 'GET',
    path: '/models',
    check: 'response_schema_conformance',
    status: 'fail',
    violations: [
      { pointer: '/data/0', message: "/data/0 must have required property 'id'" },
      { pointer: '', message: 'the body starts with "<html> & \u0007 \'quoted\'"' },
    ],
  },
  {
    operationId: 'getModel',
    method: 'GET',
    path: '/models/{model_id}',
    check: 'list_get_consistency',
    status: 'skipped',
    reason: 'the target is a stateless mock: <no> "state"',
  },
];

const report: ConformanceReport = {
  vendors: [
    {
      vendor: 'tensoras',
      name: 'Tensoras',
      target: {
        baseUrl: 'http://127.0.0.1:4010/v1',
        kind: 'mock',
        decidedBy: 'started by the checker',
        loopback: true,
        writes: true,
      },
      results,
      summary: summarize(results),
      durationMs: 1234,
    },
  ],
  summary: summarize(results),
  ok: false,
};

describe('reports', () => {
  it('text: one line per operation and check, violations below, a summary', () => {
    const lines = formatText(report).split('\n');
    expect(lines).toEqual([
      'tensoras (Tensoras) at http://127.0.0.1:4010/v1: mock (started by the checker)',
      'PASS  listModels GET /models  not_a_server_error',
      'FAIL  listModels GET /models  response_schema_conformance',
      "        /data/0: /data/0 must have required property 'id'",
      `        (root): the body starts with "<html> & \u0007 'quoted'"`,
      'SKIP  getModel GET /models/{model_id}  list_get_consistency: the target is a stateless mock: <no> "state"',
      'tensoras: 1 passed, 1 failed, 1 skipped in 1234 ms',
      '',
      'Summary: 1 passed, 1 failed, 1 skipped',
      '',
    ]);
  });

  it('json: the report as data', () => {
    expect(JSON.parse(formatJson(report))).toEqual(report);
  });

  it('junit: valid XML, a testsuite per vendor, a testcase per operation and check', () => {
    const xml = formatJunit(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suites = parsed.testsuites;
    expect(suites).toMatchObject({ tests: '3', failures: '1', skipped: '1', errors: '0' });
    const suite = suites.testsuite;
    expect(suite).toMatchObject({ name: 'tensoras', tests: '3', failures: '1', skipped: '1', time: '1.234' });
    const [passed, failed, skipped] = suite.testcase;
    expect(passed).toMatchObject({
      classname: 'tensoras.listModels',
      name: 'GET /models not_a_server_error',
    });
    expect(passed.failure).toBeUndefined();
    expect(failed.failure.type).toBe('response_schema_conformance');
    expect(failed.failure.message).toBe("/data/0: /data/0 must have required property 'id'");
    // The control character XML cannot carry is dropped; the rest survives escaping.
    expect(failed.failure['#text']).toContain(`(root): the body starts with "<html> &  'quoted'"`);
    expect(skipped.skipped.message).toBe('the target is a stateless mock: <no> "state"');
  });
});
