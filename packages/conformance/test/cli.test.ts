import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeTempFolders, tempFolder } from '@modelspecs/testkit';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../src/index.js';
import { captureCli } from './support/cli.js';
import { type DriftFault, type DriftServer, startDriftServer } from './support/drift-server.js';
import { fixtureRoot, specOf } from './support/specs.js';

const KEY = 'tns_DISTINCTIVE_conformance_key_7f3a91c2e4b8';
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

let server: DriftServer | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const close of closers.splice(0)) await close();
});
afterAll(removeTempFolders);

async function drift(fault?: DriftFault): Promise<string> {
  const { doc } = await specOf('acme');
  server = await startDriftServer({ doc, key: KEY, fault });
  return server.baseUrl;
}

const cli = (argv: string[], env: Record<string, string> = {}) =>
  captureCli(argv, env, tempFolder('modelspecs-conformance-cli-'));

describe('modelspecs-conformance', () => {
  it('exits 0 when every check passes, printing a line per operation and check and a summary', async () => {
    const url = await drift();
    // Only keys are scrubbed: an unrelated variable's value ("conformance") stays readable in the output.
    const { code, stdout, stderr } = await cli(['--vendor', 'acme', '--base-url', url, '--api-key', KEY], {
      npm_lifecycle_event: 'conformance',
    });
    expect(stderr).toBe('');
    expect(stdout).toContain('PASS  listModels GET /models  status_code_conformance');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(
      `acme (Acme) at ${url}: server (no Prism sl-violations header on a request without credentials)`,
    );
    expect(lines.filter((l) => /^(PASS|FAIL|SKIP) {2}/.test(l))).toHaveLength(18);
    expect(lines.at(-1)).toBe('Summary: 14 passed, 0 failed, 4 skipped');
  });

  it('exits 1 on a violation', async () => {
    const url = await drift('wrong-type');
    const { code, stdout } = await cli(['--', '--vendor', 'acme', '--base-url', url, '--api-key', KEY]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      'FAIL  listModels GET /models  response_schema_conformance\n        /object: /object must be string',
    );
  });

  it('writes each report format whole to --out and never prints or writes the key', async () => {
    const url = await drift('auth-not-enforced');
    const dir = tempFolder('modelspecs-conformance-out-');
    const outputs: string[] = [];
    for (const format of ['text', 'json', 'junit']) {
      const out = join(dir, `report.${format}`);
      // The key comes from the vendor's env var here, and from --api-key for the JSON run.
      const args = ['--vendor', 'acme', '--base-url', url, '--report', format, '--out', out];
      const run =
        format === 'json' ? await cli([...args, '--api-key', KEY]) : await cli(args, { ACME_API_KEY: KEY });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('FAIL  listModels GET /models  ignored_auth');
      outputs.push(run.stdout, run.stderr, readFileSync(out, 'utf8'));
    }
    const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ConformanceReport;
    expect(json.ok).toBe(false);
    expect(json.vendors[0]!.results).toHaveLength(18);
    expect(XMLValidator.validate(readFileSync(join(dir, 'report.junit'), 'utf8'))).toBe(true);
    for (const output of outputs) expect(output).not.toContain(KEY);
  });

  it('scrubs a key that a server echoes back', async () => {
    const echo = createServer((req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      // Padded so that a message quoting the first 80 characters of the body would cut the key in two.
      res.end(JSON.stringify({ error: { message: `${'x'.repeat(40)} ${req.headers.authorization}` } }));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => echo.close(() => resolve())));
    const url = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/v1`;
    const dir = tempFolder('modelspecs-conformance-echo-');
    for (const format of ['text', 'json', 'junit']) {
      const out = join(dir, `report.${format}`);
      const run = await cli([
        '--vendor',
        'acme',
        '--base-url',
        url,
        '--api-key',
        KEY,
        '--report',
        format,
        '--out',
        out,
      ]);
      expect(run.code).toBe(1);
      if (format === 'text') {
        expect(run.stdout).toContain(
          `GET /models was answered 500: "{"error":{"message":"${'x'.repeat(40)} Bearer ***`,
        );
      }
      for (const output of [run.stdout, run.stderr, readFileSync(out, 'utf8')]) {
        expect(output).not.toContain(KEY.slice(0, 8));
      }
    }
  });

  it.each([
    [
      ['--vendor', 'nope', '--base-url', 'http://127.0.0.1:1/v1'],
      '--vendor: unknown vendor "nope". Known vendors: ',
    ],
    [
      ['--vendor', 'acme', '--base-url', 'localhost:4010'],
      '--base-url: "localhost:4010" must be an http:// or https:// URL',
    ],
    [
      ['--vendor', 'acme', '--base-url', 'http://127.0.0.1:1/v1', '--report', 'xml'],
      '--report: "xml" is not one of text, json, junit',
    ],
    [
      ['--vendor', 'acme', '--timeout-ms', '0'],
      '--timeout-ms: "0" is out of range; give a whole number of milliseconds from 1 to 2147483647',
    ],
    [['--vendor', 'acme', '--target', 'live'], '--target: "live" is not one of auto, mock, server'],
    [['--vendor', 'acme', '--frobnicate'], "Unknown option '--frobnicate'"],
    [
      ['--base-url', 'http://127.0.0.1:1/v1'],
      '--base-url checks one vendor: pass --vendor with one of acme, ',
    ],
    [['--vendor', 'acme', '--target', 'server'], '--target server needs --base-url'],
    [['--api-key', 'some-key'], '--api-key is the key of one vendor: pass --vendor with one slug'],
    [
      ['--vendor', 'acme', '--base-url', 'http://127.0.0.1:1/v1', '--target', 'server'],
      'no API key for http://127.0.0.1:1/v1. Pass --api-key or set ACME_API_KEY',
    ],
  ])('exits 2 on a usage error: %j', async (argv, message) => {
    const { code, stdout, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 with the URL when nothing answers, without a stack trace', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const { code, stderr } = await cli([
      '--vendor',
      'acme',
      '--base-url',
      `http://127.0.0.1:${port}/v1`,
      '--api-key',
      KEY,
    ]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `modelspecs-conformance: Cannot reach http://127.0.0.1:${port}/v1/models: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}. Is the server running, and is the base URL right?\n`,
    );
  });

  it('prints its usage with --help', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: modelspecs-conformance');
  });

  it('runs as the installed bin, tolerating the leading -- of `pnpm conformance -- ...`', async () => {
    const url = await drift();
    const child = spawn(
      process.execPath,
      [
        join(packageDir, 'bin', 'modelspecs-conformance.js'),
        '--',
        '--vendor',
        'acme',
        '--base-url',
        url,
        '--report',
        'json',
      ],
      {
        env: { ...process.env, ACME_API_KEY: KEY, MODELSPECS_ROOT: fixtureRoot },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as ConformanceReport).summary).toEqual({
      total: 18,
      passed: 14,
      failed: 0,
      skipped: 4,
    });
    expect(stdout).not.toContain(KEY);
  });
});
