import { XMLValidator } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { checkTarget, formatReport, REPORT_FORMATS, type VendorReport } from '../../src/index.js';
import {
  type HostileHandler,
  type HostileServer,
  json,
  startHostileServer,
} from '../support/hostile-server.js';
import { specOf } from '../support/specs.js';

const KEY = 'tns_hostile_inputs_key_0123456789';
const model = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  object: 'model',
  created: 1700000000,
  owned_by: 'acme',
  ...extra,
});

const servers: HostileServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function against(
  handler: HostileHandler,
  change?: (doc: Awaited<ReturnType<typeof specOf>>['doc']) => void,
): Promise<{ report: VendorReport; server: HostileServer }> {
  const server = await startHostileServer(handler);
  servers.push(server);
  const { vendor, doc } = await specOf('acme');
  change?.(doc);
  const report = await checkTarget({ doc, vendor, baseUrl: server.baseUrl, apiKey: KEY, target: 'server' });
  // Whatever the server sent, every format renders (and the XML is well-formed).
  for (const format of REPORT_FORMATS) {
    const text = formatReport({ vendors: [report], summary: report.summary, ok: false }, format);
    if (format === 'junit') expect(XMLValidator.validate(text)).toBe(true);
    if (format === 'json') expect(() => JSON.parse(text)).not.toThrow();
  }
  expect(report.results).toHaveLength(2 * 9);
  return { report, server };
}

const find = (report: VendorReport, operationId: string, check: string) =>
  report.results.find((r) => r.operationId === operationId && r.check === check)!;

/** The list answers with `items`; each listed id is served as `item(id)`; anything else is a 404. */
const listing =
  (items: unknown[], item: (id: string) => unknown = (id) => model(id)): HostileHandler =>
  (req, res) => {
    if (req.url === '/v1/models') return json(res, 200, { object: 'list', data: items });
    const id = /^\/v1\/models\/([^/?]+)$/.exec(req.url ?? '')?.[1];
    if (id && (items as { id: string }[]).some((i) => encodeURIComponent(i.id) === id)) {
      return json(res, 200, item(decodeURIComponent(id)));
    }
    json(res, 404, { error: { message: 'no such model', type: 'invalid_request_error' } });
  };

describe('what a server sends fails a check, never the run', () => {
  it('a listed item nested too deep to compare fails list_get_consistency alone', async () => {
    // Sent as text: the value is too deep for JSON.stringify, but JSON.parse reads it.
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const item = JSON.stringify(model('good', { deep: 0 })).replace('"deep":0', `"deep":${deep}`);
    const { report } = await against((req, res) => {
      if (req.url === '/v1/models') return json(res, 200, `{"object":"list","data":[${item}]}`);
      if (req.url === '/v1/models/good') return json(res, 200, item);
      json(res, 404, { error: { message: 'no such model', type: 'invalid_request_error' } });
    });
    expect(find(report, 'getModel', 'list_get_consistency')).toMatchObject({
      status: 'fail',
      violations: [
        { pointer: '', message: expect.stringMatching(/^the check could not finish: RangeError/) },
      ],
    });
    expect(find(report, 'getModel', 'status_code_conformance').status).toBe('pass');
  });

  it('a header too large to read fails not_a_server_error', async () => {
    const { report } = await against((req, res) => {
      if (req.url === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/json', 'x-huge': 'h'.repeat(256 * 1024) });
        return res.end('{"object":"list","data":[]}');
      }
      json(res, 404, { error: { message: 'no' } });
    });
    expect(find(report, 'listModels', 'not_a_server_error')).toMatchObject({
      status: 'fail',
      violations: expect.arrayContaining([
        { pointer: '/status', message: 'GET /models: UND_ERR_HEADERS_OVERFLOW: Headers Overflow Error' },
      ]),
    });
  });

  it('a header with a control character fails not_a_server_error', async () => {
    const { report } = await against((req, res) => {
      if (req.url === '/v1/models') {
        // Written past Node's own header validation, as a broken server would.
        res.socket!.end(
          'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-bad: a\u0000b\r\ncontent-length: 2\r\n\r\n{}',
        );
        return;
      }
      json(res, 404, { error: { message: 'no' } });
    });
    expect(find(report, 'listModels', 'not_a_server_error').status).toBe('fail');
  });

  it('a redirect elsewhere is judged as an answer, not followed with the key', async () => {
    const elsewhere = await startHostileServer((_req, res) => json(res, 200, { object: 'list', data: [] }));
    servers.push(elsewhere);
    // Without the catch-all `default` response, which documents every other status, 302 is undocumented.
    const withoutDefault = (doc: Awaited<ReturnType<typeof specOf>>['doc']) => {
      for (const item of Object.values(doc.paths ?? {})) delete item?.get?.responses?.default;
    };
    const { report } = await against((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.baseUrl}/models` });
      res.end();
    }, withoutDefault);
    expect(elsewhere.requests).toEqual([]);
    expect(find(report, 'listModels', 'status_code_conformance')).toMatchObject({
      status: 'fail',
      violations: expect.arrayContaining([
        expect.objectContaining({ message: expect.stringContaining('was answered 302') }),
      ]),
    });
  });

  it('a body that is not UTF-8 fails response_schema_conformance as not JSON', async () => {
    const { report } = await against((req, res) => {
      res.writeHead(req.url === '/v1/models' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(Buffer.from([0xff, 0xfe, 0x7b, 0xc3, 0x28, 0x80, 0xed, 0xa0, 0x80]));
    });
    expect(find(report, 'listModels', 'response_schema_conformance')).toMatchObject({
      status: 'fail',
      violations: [{ pointer: '', message: expect.stringContaining('the body is not valid JSON') }],
    });
  });

  it('a lone surrogate in a fetched value is reported escaped', async () => {
    const { report } = await against(listing([model('good')], (id) => model(id, { owned_by: 'x\udc00y' })));
    const violations = find(report, 'getModel', 'list_get_consistency').violations!;
    expect(violations).toEqual([
      {
        pointer: '/owned_by',
        message: 'listed id "good": the list says "acme", the fetch says "x\\udc00y"',
      },
    ]);
  });

  it('a listed id with control characters is quoted escaped in every message', async () => {
    const id = 'a\u001b[31mb\nc';
    const { report } = await against(listing([model(id)], (got) => model(got, { owned_by: 'other' })));
    const messages = report.results.flatMap((r) => r.violations ?? []).map((v) => v.message);
    expect(messages).toContain('listed id "a\\u001b[31mb\\nc": the list says "acme", the fetch says "other"');
    const text = formatReport({ vendors: [report], summary: report.summary, ok: false }, 'text');
    expect(text.includes('\u001b')).toBe(false);
  });
});
