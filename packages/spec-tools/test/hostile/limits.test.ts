import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/errors.js';
import { lintSpecFile, REDOCLY_CHECK } from '../../src/lint.js';
import { bundleSpec } from '../../src/load.js';
import { DEFAULT_MAX_FILE_BYTES } from '../../src/resolver.js';
import { hostileWorkspace, runCli } from './support.js';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('an alias bomb', () => {
  it('is a SpecError naming the file, the first alias and what to do', async () => {
    const { root, specFile } = hostileWorkspace('alias-bomb.yaml');
    const error = await failure(bundleSpec(specFile, root));
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).message).toMatch(
      /^specs\/acme\/openapi\.yaml:\d+:\d+: its YAML aliases .* alias bomb: write the repeated content out/,
    );
  });

  it('is refused in a file the spec refers to, at the $ref', async () => {
    const { root, specDir, specFile } = hostileWorkspace('split');
    writeFileSync(
      join(specDir, 'schemas', 'model.yaml'),
      `type: object\nx-lol:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${'bcdefghi'
        .split('')
        .map((n, i) => `  ${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]\n`)
        .join('')}`,
    );
    const error = await failure(bundleSpec(specFile, root));
    expect((error as SpecError).problems[0]).toMatch(
      /^specs\/acme\/openapi\.yaml:\d+:\d+ #\/components\/schemas\/[^:]+: Can't resolve \$ref: specs\/acme\/schemas\/model\.yaml:\d+:\d+: its YAML aliases/,
    );
  });

  it('prints as one line from the command, with no stack trace', { timeout: 120_000 }, async () => {
    const { specDir } = hostileWorkspace('alias-bomb.yaml');
    const result = await runCli(specDir, ['bundle']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^modelspecs-spec: specs\/acme\/openapi\.yaml:\d+:\d+: its YAML aliases/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a $ref cycle', () => {
  it('names the file, the line, the pointer and the chain', async () => {
    const { root, specFile } = hostileWorkspace('ref-cycle.yaml');
    const error = await failure(bundleSpec(specFile, root));
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).problems).toEqual([
      expect.stringMatching(
        /^specs\/acme\/openapi\.yaml:\d+:\d+ #\/components\/schemas\/Loop[AB]: \$ref cycle: #\/components\/schemas\/Loop([AB]) -> #\/components\/schemas\/Loop[AB] -> #\/components\/schemas\/Loop\1;/,
      ),
    ]);
  });

  it('is reported the same way by lint', async () => {
    const { root, specFile } = hostileWorkspace('ref-cycle.yaml');
    const report = await lintSpecFile(specFile, root);
    for (const name of ['parses and every $ref resolves', REDOCLY_CHECK]) {
      expect(report.checks.find((c) => c.name === name)!.problems[0]).toMatch(
        /openapi\.yaml:\d+:\d+ #\/components\/schemas\/Loop[AB]: \$ref cycle/,
      );
    }
  });
});

describe('the size limit per spec file', () => {
  const oversized = (specFile: string, bytes: number) => {
    // Valid YAML all the way: only the size is wrong.
    writeFileSync(specFile, `openapi: 3.1.0\nx-padding: '${'x'.repeat(bytes)}'\n`);
  };

  it(`refuses a spec over ${DEFAULT_MAX_FILE_BYTES} bytes before parsing it, naming its size and the limit`, async () => {
    const { root, specFile } = hostileWorkspace('ref-etc-passwd.yaml');
    oversized(specFile, DEFAULT_MAX_FILE_BYTES + 1);
    const error = await failure(bundleSpec(specFile, root));
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).message).toBe(
      `specs/acme/openapi.yaml is ${DEFAULT_MAX_FILE_BYTES + 30} bytes, over the limit of ${DEFAULT_MAX_FILE_BYTES} bytes per spec file: split it into files joined by $ref, or raise the limit (option maxFileBytes, flag --max-file-bytes)`,
    );
  });

  it('applies to every file the spec refers to, and the option sets it', async () => {
    const { root, specDir, specFile } = hostileWorkspace('split');
    writeFileSync(join(specDir, 'intro.md'), 'x'.repeat(5000));
    const error = await failure(bundleSpec(specFile, root, { maxFileBytes: 4500 }));
    expect((error as SpecError).problems).toEqual([
      expect.stringMatching(
        /^specs\/acme\/openapi\.yaml:\d+:\d+ #\/info\/description: Can't resolve \$ref: specs\/acme\/intro\.md is 5000 bytes, over the limit of 4500 bytes per spec file/,
      ),
    ]);
    expect(await bundleSpec(specFile, root, { maxFileBytes: 5000 })).toHaveProperty('openapi', '3.1.0');
  });

  it('the command takes --max-file-bytes, and refuses a value that is not a size', {
    timeout: 180_000,
  }, async () => {
    const { specDir } = hostileWorkspace('split');
    const low = await runCli(specDir, ['bundle', '--max-file-bytes', '100']);
    expect(low.status).toBe(1);
    expect(low.stderr).toContain('over the limit of 100 bytes per spec file');
    const bad = await runCli(specDir, ['bundle', '--max-file-bytes', '5MB']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--max-file-bytes: "5MB" is not a size');
  });
});
