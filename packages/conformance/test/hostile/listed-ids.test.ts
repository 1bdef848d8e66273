import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { checkTarget, type VendorReport } from '../../src/index.js';
import { captureCli } from '../support/cli.js';
import { type HostileServer, json, startHostileServer } from '../support/hostile-server.js';
import { specOf } from '../support/specs.js';

const KEY = 'tns_hostile_ids_key_0123456789';
const model = (id: string) => ({ id, object: 'model', created: 1700000000, owned_by: 'acme' });

let server: HostileServer | undefined;
const folders: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Lists `..`, `.` and a lone surrogate beside one good id; serves the good one. */
async function listsHostileIds(): Promise<HostileServer> {
  return startHostileServer((req, res) => {
    if (req.url === '/v1/models') {
      // A lone surrogate travels in JSON as an escape: JSON.stringify writes `"\ud800"`.
      json(res, 200, { object: 'list', data: [model('..'), model('.'), model('\ud800'), model('good')] });
    } else if (req.url === '/v1/models/good') json(res, 200, model('good'));
    else json(res, 404, { error: { message: 'no such model', type: 'invalid_request_error' } });
  });
}

const find = (report: VendorReport, operationId: string, check: string) =>
  report.results.find((r) => r.operationId === operationId && r.check === check)!;

describe('ids a server lists that no URL can carry', () => {
  it('fail list_get_consistency, naming each id escaped, and the run goes on', async () => {
    server = await listsHostileIds();
    const { vendor, doc } = await specOf('acme');
    const report = await checkTarget({ doc, vendor, baseUrl: server.baseUrl, apiKey: KEY, target: 'server' });
    const result = find(report, 'getModel', 'list_get_consistency');
    expect(result.status).toBe('fail');
    const messages = result.violations!.map((v) => v.message);
    expect(messages).toEqual([
      expect.stringMatching(/^listed id "\.\." cannot be sent as a path segment/),
      expect.stringMatching(/^listed id "\." cannot be sent as a path segment/),
      expect.stringMatching(
        /^listed id "\\ud800" cannot be sent as a path segment: it holds a lone surrogate/,
      ),
    ]);
    // The good id was fetched (and used for the operation's own request); the others were never sent.
    expect(server.requests).toContain('GET /v1/models/good');
    expect(server.requests.filter((r) => /\/models\/\.|%2E/i.test(r))).toEqual([]);
    expect(find(report, 'getModel', 'response_schema_conformance').status).not.toBe('fail');
    expect(report.results).toHaveLength(2 * 9);
  });

  it.each(['text', 'json', 'junit'])('still write the %s report', async (format) => {
    server = await listsHostileIds();
    const cwd = mkdtempSync(join(tmpdir(), 'modelspecs-conformance-hostile-'));
    folders.push(cwd);
    const { code, stdout, stderr } = await captureCli(
      ['--vendor', 'acme', '--base-url', server.baseUrl, '--target', 'server', '--report', format],
      { ACME_API_KEY: KEY },
      cwd,
    );
    expect(stderr).toBe('');
    expect(code).toBe(1);
    if (format === 'json') {
      const parsed = JSON.parse(stdout);
      const messages = JSON.stringify(parsed);
      expect(messages).toContain('listed id \\"\\\\ud800\\" cannot be sent');
    } else if (format === 'junit') {
      expect(XMLValidator.validate(stdout)).toBe(true);
      expect(stdout).toContain('listed id &quot;\\ud800&quot; cannot be sent');
    } else {
      expect(stdout).toContain('listed id "\\ud800" cannot be sent');
    }
    expect(stdout).not.toContain('\ud800');
  });
});
