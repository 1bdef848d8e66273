import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/errors.js';
import { lintSpecFile, REDOCLY_CHECK } from '../../src/lint.js';
import { bundleSpec } from '../../src/load.js';
import { hostileWorkspace, runCli } from './support.js';

const passwd = readFileSync('/etc/passwd', 'utf8');
const passwdLine = passwd.split('\n')[0]!;

async function bundleError(fixture: string, prepare?: (specDir: string) => void): Promise<SpecError> {
  const { root, specDir, specFile } = hostileWorkspace(fixture);
  prepare?.(specDir);
  const error = await bundleSpec(specFile, root).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpecError);
  const message = (error as SpecError).message;
  // The file's content is never part of the answer.
  expect(message).not.toContain(passwdLine);
  return error as SpecError;
}

describe('a spec cannot publish files from outside its folder', () => {
  it.each([
    ['ref-etc-passwd.yaml', '/etc/passwd is outside specs/acme/'],
    ['ref-parent-escape.yaml', '/etc/passwd is outside specs/acme/'],
    ['ref-proc-environ.yaml', '/proc/self/environ is outside specs/acme/'],
    ['ref-file-url.yaml', 'file:///etc/passwd is remote'],
  ])('%s is refused at its $ref, with file, line and pointer', async (fixture, reason) => {
    const error = await bundleError(fixture);
    expect(error.problems).toEqual([
      expect.stringMatching(
        /^specs\/acme\/openapi\.yaml:\d+:\d+ #\/info\/description: Can't resolve \$ref: /,
      ),
    ]);
    expect(error.problems[0]).toContain(reason);
  });

  it('a link inside the folder to a file outside is refused', async () => {
    const error = await bundleError('ref-symlink.yaml', (specDir) => {
      symlinkSync('/etc/passwd', join(specDir, 'linked.md'));
    });
    expect(error.problems[0]).toMatch(
      /^specs\/acme\/openapi\.yaml:\d+:\d+ #\/info\/description: .*specs\/acme\/linked\.md is a link to \/etc\/passwd, outside specs\/acme\//,
    );
  });

  it('a linked folder inside the spec folder that leads outside is refused', async () => {
    const error = await bundleError('ref-symlink.yaml', (specDir) => {
      symlinkSync('/etc', join(specDir, 'etc'));
      const spec = join(specDir, 'openapi.yaml');
      const text = readFileSync(spec, 'utf8').replace("'./linked.md'", "'./etc/passwd'");
      writeFileSync(spec, text);
    });
    expect(error.problems[0]).toContain('specs/acme/etc/passwd is a link to /etc/passwd');
  });

  it('an externalValue naming a file outside the folder is not inlined', async () => {
    const error = await bundleError('external-value.yaml');
    expect(error.problems[0]).toMatch(
      /^specs\/acme\/openapi\.yaml:\d+:\d+ #\/components\/responses\/Unauthorized\/content\/application~1json\/examples\/fromFile: .*\/etc\/passwd is outside specs\/acme\//,
    );
  });

  it('a $ref inside an example value, which bundling leaves alone, may not reach downstream tools', async () => {
    const error = await bundleError('example-literal-ref.yaml');
    expect(error.problems).toEqual([
      expect.stringMatching(
        /^specs\/acme\/openapi\.yaml:\d+:\d+ #\/paths\/~1models\/get\/responses\/200\/content\/application~1json\/examples\/list\/value\/data\/2\/details\/\$ref: \$ref "\/etc\/passwd" is left unresolved/,
      ),
    ]);
  });

  it('lint refuses it too, in its own check and in Redocly', async () => {
    const { root, specFile } = hostileWorkspace('ref-etc-passwd.yaml');
    const report = await lintSpecFile(specFile, root);
    expect(report.ok).toBe(false);
    const failed = report.checks.filter((c) => c.problems.length > 0);
    expect(failed.map((c) => c.name)).toEqual(['parses and every $ref resolves', REDOCLY_CHECK]);
    for (const check of failed) {
      expect(check.problems.join('\n')).toMatch(/openapi\.yaml:\d+:\d+ #\/info\/description: .*outside/);
    }
    expect(JSON.stringify(report)).not.toContain(passwdLine);
  });

  it('a spec split over files inside its folder, one of them reached through a link, still bundles', async () => {
    const { root, specDir, specFile } = hostileWorkspace('split');
    symlinkSync(join(specDir, 'schemas'), join(specDir, 'linked-schemas'));
    const spec = readFileSync(specFile, 'utf8').replace(
      './schemas/model.yaml',
      './linked-schemas/model.yaml',
    );
    writeFileSync(specFile, spec);
    const doc = await bundleSpec(specFile, root);
    expect(doc.info.description).toBe('A spec split over files inside its own folder.\n');
    // Redocly moves the schema file into components under its own name.
    expect(doc.components?.schemas?.model).toMatchObject({ type: 'object', required: ['id'] });
  });
});

describe('modelspecs-spec bundle run directly, with a secret in its environment', () => {
  it('refuses $ref /proc/self/environ: exit 1, the place named, nothing written, the secret nowhere', {
    timeout: 180_000,
  }, async () => {
    const secret = 'hostile-probe-secret-4f1c9a';
    const { specDir } = hostileWorkspace('ref-proc-environ.yaml');
    const result = await runCli(specDir, ['bundle'], { MODELSPECS_PROBE_SECRET: secret });
    expect(result.killed).toBe(false);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /specs\/acme\/openapi\.yaml:\d+:\d+ #\/info\/description: Can't resolve \$ref: \/proc\/self\/environ is outside specs\/acme\//,
    );
    expect(existsSync(join(specDir, 'dist'))).toBe(false);
    expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
  });
});
