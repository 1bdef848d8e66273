import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SpecError } from '../../src/errors.js';
import { lintSpecFile } from '../../src/lint.js';
import { bundleSpec } from '../../src/load.js';
import { hostileWorkspace, type LoopbackServer, runCli, schemaServer, silentServer } from './support.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const remoteSpec = (port: number) => hostileWorkspace('ref-remote.yaml', { PORT: String(port) });
const refused =
  /#\/components\/schemas\/Model\/properties\/remote: Can't resolve \$ref: http:\/\/127\.0\.0\.1:\d+\/schema\.yaml is remote/;

describe('reading a spec never touches the network', () => {
  it('bundle refuses an http $ref before connecting', async () => {
    server = await schemaServer();
    const { root, specFile } = remoteSpec(server.port);
    const error = await bundleSpec(specFile, root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).problems[0]).toMatch(
      new RegExp(`^specs/acme/openapi\\.yaml:\\d+:\\d+ ${refused.source}`),
    );
    expect(server.connections()).toBe(0);
  });

  it('lint refuses it in every check, Redocly included, before connecting', async () => {
    server = await schemaServer();
    const { root, specFile } = remoteSpec(server.port);
    const report = await lintSpecFile(specFile, root);
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.name.startsWith('parses'))!.problems[0]).toMatch(refused);
    expect(report.checks.find((c) => c.name.startsWith('redocly'))!.problems[0]).toMatch(refused);
    expect(server.connections()).toBe(0);
  });

  it('an externalValue URL is refused the same way', async () => {
    server = await schemaServer();
    const { root, specFile } = hostileWorkspace('external-value.yaml', {
      'externalValue: /etc/passwd': `externalValue: http://127.0.0.1:${server.port}/example.json`,
    });
    const error = await bundleSpec(specFile, root).catch((e: unknown) => e);
    expect((error as SpecError).problems[0]).toMatch(/examples\/fromFile: .*is remote/);
    expect(server.connections()).toBe(0);
  });

  it('the bundle command fails at once on a $ref to a server that never answers', {
    timeout: 180_000,
  }, async () => {
    server = await silentServer();
    const { specDir } = remoteSpec(server.port);
    // The hang guard only tells a hang from a failure; the command must fail, not be killed.
    const result = await runCli(specDir, ['bundle'], {}, 120_000);
    expect(result.killed).toBe(false);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(refused);
    expect(existsSync(join(specDir, 'dist'))).toBe(false);
    expect(server.connections()).toBe(0);
  });
});

describe('allowRemoteRefs, for a user who opts in for their own spec', () => {
  it('fetches and inlines an http $ref', async () => {
    server = await schemaServer();
    const { root, specFile } = remoteSpec(server.port);
    const doc = await bundleSpec(specFile, root, { allowRemoteRefs: { timeoutMs: 60_000 } });
    expect(JSON.stringify(doc)).toContain('Fetched from the remote server.');
    expect(server.connections()).toBeGreaterThan(0);
  });

  it('gives up on a server that never answers once the timeout has passed', {
    timeout: 120_000,
  }, async () => {
    server = await silentServer();
    const { root, specFile } = remoteSpec(server.port);
    const error = await bundleSpec(specFile, root, { allowRemoteRefs: { timeoutMs: 300 } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).problems[0]).toMatch(
      /#\/components\/schemas\/Model\/properties\/remote: Can't resolve \$ref: http:\/\/127\.0\.0\.1:\d+\/schema\.yaml did not answer within 300 ms/,
    );
    expect(server.connections()).toBe(1);
  });

  it('still refuses file: URLs and files outside the folder', async () => {
    const { root, specFile } = hostileWorkspace('ref-file-url.yaml');
    const error = await bundleSpec(specFile, root, { allowRemoteRefs: { timeoutMs: 1000 } }).catch(
      (e: unknown) => e,
    );
    expect((error as SpecError).problems[0]).toContain('file:///etc/passwd is remote');
  });
});
