import { afterEach, describe, expect, it } from 'vitest';
import { checkTarget, type VendorReport } from '../../src/index.js';
import { captureCli } from '../support/cli.js';
import { type HostileServer, json, startHostileServer, stream } from '../support/hostile-server.js';
import { specOf } from '../support/specs.js';

const KEY = 'tns_hostile_body_key_0123456789';
const MiB = 1024 * 1024;

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function check(extra: { maxBodyBytes?: number } = {}): Promise<VendorReport> {
  const { vendor, doc } = await specOf('acme');
  return checkTarget({ doc, vendor, baseUrl: server!.baseUrl, apiKey: KEY, target: 'server', ...extra });
}

const find = (report: VendorReport, operationId: string, check: string) =>
  report.results.find((r) => r.operationId === operationId && r.check === check)!;

/** Answers the list with a JSON array that never ends (or ends after `total` bytes); anything else with a 404. */
function endlessList(total?: number, headers: Record<string, string> = {}) {
  return startHostileServer((req, res, state) => {
    if (req.url !== '/v1/models') return json(res, 404, { error: { message: 'nope' } });
    res.writeHead(200, { 'content-type': 'application/json', ...headers });
    res.write('{"object":"list","data":[');
    stream(
      res,
      state,
      Buffer.from('{"id":"m","object":"model","created":1,"owned_by":"x"},'.repeat(1000)),
      total,
    );
  });
}

describe('a response body larger than the cap', () => {
  it('fails the check that needed it, naming the 10 MiB default, and the checker closes the connection', async () => {
    server = await endlessList();
    const report = await check();
    expect(find(report, 'listModels', 'response_schema_conformance')).toMatchObject({
      status: 'fail',
      violations: [
        {
          pointer: '',
          message: expect.stringContaining(
            'the body is larger than the 10 MiB cap on what the checker reads',
          ),
        },
      ],
    });
    expect(find(report, 'listModels', 'response_schema_conformance').violations![0]!.message).toContain(
      '--max-body-bytes',
    );
    // The list could not be read either, and says why.
    expect(find(report, 'getModel', 'list_get_consistency')).toMatchObject({
      status: 'fail',
      violations: [{ message: expect.stringContaining('10 MiB cap') }],
    });
    // The status and headers were still judged.
    expect(find(report, 'listModels', 'status_code_conformance').status).toBe('pass');
    // The server saw its endless answers abandoned; it wrote about the cap, not gigabytes.
    expect(server.abandoned).toBeGreaterThanOrEqual(1);
    expect(server.bytesWritten).toBeLessThan(200 * MiB);
  });

  it('honours maxBodyBytes, and stops a body whose Content-Length is over the cap before reading it', async () => {
    server = await endlessList(1024 * MiB, { 'content-length': String(1024 * MiB) });
    const report = await check({ maxBodyBytes: 64 * 1024 });
    expect(find(report, 'listModels', 'response_schema_conformance').violations).toEqual([
      {
        pointer: '',
        message:
          'the body is larger than the 64 KiB cap on what the checker reads (raise it with --max-body-bytes or the maxBodyBytes option)',
      },
    ]);
    expect(server.abandoned).toBeGreaterThanOrEqual(1);
    expect(server.bytesWritten).toBeLessThan(200 * MiB);
  });

  it('takes the cap from --max-body-bytes', async () => {
    server = await endlessList(4 * MiB);
    const { code, stdout } = await captureCli([
      ...['--vendor', 'acme', '--base-url', server.baseUrl, '--api-key', KEY, '--target', 'server'],
      ...['--max-body-bytes', '1048576', '--report', 'json'],
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('the body is larger than the 1 MiB cap');
    expect(server.abandoned).toBeGreaterThanOrEqual(1);
  });

  it('reads a body just under the cap in full', async () => {
    const body = JSON.stringify({ object: 'list', data: [] });
    server = await startHostileServer((req, res) => json(res, req.url === '/v1/models' ? 200 : 404, body));
    const report = await check({ maxBodyBytes: Buffer.byteLength(body) });
    expect(find(report, 'listModels', 'response_schema_conformance').status).toBe('pass');
  });
});
