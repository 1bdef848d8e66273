import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempWorkspace } from './helpers.js';

const cli = join(repoRoot, 'packages', 'spec-tools', 'bin', 'modelspecs-spec.js');
const run = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, MODELSPECS_ROOT: '' },
  });

describe('modelspecs-spec CLI', () => {
  it('lint exits 0 on a valid spec folder', () => {
    const { specDir } = tempWorkspace();
    const result = run(specDir, 'lint');
    expect(result.stdout).toContain('all spec checks passed');
    expect(result.status).toBe(0);
  });

  it('lint exits 1 and names the file and line of an example that breaks its schema', () => {
    const { specDir } = tempWorkspace('bad-example.yaml');
    const result = run(specDir, 'lint');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /specs\/acme\/openapi\.yaml:68:\d+ .*\/data\/1\/created: .*must be integer\. \(no-invalid-media-type-examples\)/,
    );
  });

  it('lint --all lints every spec of the workspace in one process, and fails when one fails', () => {
    const { root, specDir } = tempWorkspace();
    const clean = run(root, 'lint', '--all');
    expect(clean.stdout).toMatch(/^specs\/acme\/openapi\.yaml\n/);
    expect(clean.status).toBe(0);
    const spec = join(specDir, 'openapi.yaml');
    writeFileSync(
      spec,
      readFileSync(spec, 'utf8').replace(
        'x-doc-discrepancies:\n',
        'x-doc-discrepancies: not a list\nx-old:\n',
      ),
    );
    const failing = run(root, 'lint', '--all');
    expect(failing.status).toBe(1);
    expect(failing.stderr).toMatch(/x-doc-discrepancies.*\(modelspecs\/doc-discrepancies\)/);
  });

  it('bundle writes dist/openapi.json and dist/openapi.yaml with every $ref internal', () => {
    const { specDir } = tempWorkspace();
    const result = run(specDir, 'bundle');
    expect(result.status).toBe(0);
    const json = JSON.parse(readFileSync(join(specDir, 'dist', 'openapi.json'), 'utf8'));
    expect(json.info['x-vendor']).toBe('Acme');
    expect(JSON.stringify(json)).not.toMatch(/"\$ref":"(?!#)/);
    expect(readFileSync(join(specDir, 'dist', 'openapi.yaml'), 'utf8')).toMatch(/^openapi: 3\.1\.0/);
  });

  it.each([
    ['invalid-yaml.yaml', /specs\/acme\/openapi\.yaml:\d+:\d+: /],
    [
      'missing-ref.yaml',
      /specs\/acme\/openapi\.yaml:\d+:\d+ #\/components\/schemas\/ModelList\/properties\/data\/items: .*Can't resolve \$ref/,
    ],
  ])('bundle of %s fails with the location and writes nothing', (fixture, message) => {
    const { specDir } = tempWorkspace(fixture);
    const result = run(specDir, 'bundle');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(join(specDir, 'dist'))).toBe(false);
  });

  it('bundle --lint (a spec package build) runs every spec check first, and writes nothing when one fails', () => {
    const bad = tempWorkspace('bad-example.yaml');
    const failing = run(bad.specDir, 'bundle', '--lint');
    expect(failing.status).toBe(1);
    expect(failing.stderr).toMatch(
      /\/data\/1\/created: .*must be integer\. \(no-invalid-media-type-examples\)/,
    );
    expect(failing.stderr).toContain('Nothing written to specs/acme/dist/');
    expect(existsSync(join(bad.specDir, 'dist'))).toBe(false);
    // The same spec bundles without --lint: the flag is what stopped it.
    expect(run(bad.specDir, 'bundle').status).toBe(0);

    const { specDir } = tempWorkspace();
    const passing = run(specDir, 'bundle', '--lint');
    expect(passing.stdout).toContain('specs/acme/openapi.yaml: all spec checks passed');
    expect(passing.status).toBe(0);
    expect(existsSync(join(specDir, 'dist', 'openapi.json'))).toBe(true);
  });

  it('exits 2 with the known vendors on an unknown --vendor', () => {
    const { root } = tempWorkspace();
    const result = run(root, 'lint', '--vendor', 'nope');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown vendor "nope". Known vendors: acme.');
  });

  it('exits 2 on an unknown command', () => {
    const { root } = tempWorkspace();
    const result = run(root, 'frobnicate');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate"');
  });

  it('generate writes the client modules, and generate --check exits 1 naming a stale file', {
    timeout: 180_000,
  }, () => {
    const { root, specDir } = tempWorkspace();
    expect(run(specDir, 'bundle').status).toBe(0);
    const pkg = join(root, 'packages', 'acme');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@modelspecs/acme', version: '1.0.0' }));
    expect(run(pkg, 'generate', '--check').status).toBe(1);
    expect(existsSync(join(pkg, 'src', 'generated'))).toBe(false);

    expect(run(pkg, 'generate').status).toBe(0);
    expect(readFileSync(join(pkg, 'src', 'generated', 'vendor.gen.ts'), 'utf8')).toContain(
      '"envVar": "ACME_API_KEY"',
    );
    expect(run(pkg, 'generate', '--check').status).toBe(0);

    appendFileSync(join(pkg, 'src', 'generated', 'schema.gen.ts'), '// edited by hand\n');
    const stale = run(pkg, 'generate', '--check');
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('Generated code is stale: packages/acme/src/generated/schema.gen.ts');
  });
});
