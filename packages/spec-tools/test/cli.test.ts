import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { runMainInProcess } from '../src/run-main.js';
import { repoRoot, tempWorkspace } from './helpers.js';

// The commands run in this process (the tool loads once, not once a command); the bin itself, in a process of its
// own, at the end: its exit codes and where it prints.
const run = (cwd: string, ...args: string[]) =>
  runMainInProcess('modelspecs-spec', main, args, { cwd, env: { MODELSPECS_ROOT: '' } });

describe('modelspecs-spec commands', () => {
  it('lint exits 0 on a valid spec folder', async () => {
    const { specDir } = tempWorkspace();
    const result = await run(specDir, 'lint');
    expect(result.stdout).toContain('all spec checks passed');
    expect(result.code).toBe(0);
  });

  it('lint exits 1 and names the file and line of an example that breaks its schema', async () => {
    const { specDir } = tempWorkspace('bad-example.yaml');
    const result = await run(specDir, 'lint');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /specs\/acme\/openapi\.yaml:68:\d+ .*\/data\/1\/created: .*must be integer\. \(no-invalid-media-type-examples\)/,
    );
  });

  it('lint --all lints every spec of the workspace in one process, and fails when one fails', async () => {
    const { root, specDir } = tempWorkspace();
    const clean = await run(root, 'lint', '--all');
    expect(clean.stdout).toMatch(/^specs\/acme\/openapi\.yaml\n/);
    expect(clean.code).toBe(0);
    const spec = join(specDir, 'openapi.yaml');
    writeFileSync(
      spec,
      readFileSync(spec, 'utf8').replace(
        'x-doc-discrepancies:\n',
        'x-doc-discrepancies: not a list\nx-old:\n',
      ),
    );
    const failing = await run(root, 'lint', '--all');
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/x-doc-discrepancies.*\(modelspecs\/doc-discrepancies\)/);
  });

  it('bundle writes dist/openapi.json and dist/openapi.yaml with every $ref internal', async () => {
    const { specDir } = tempWorkspace();
    const result = await run(specDir, 'bundle');
    expect(result.code).toBe(0);
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
  ])('bundle of %s fails with the location and writes nothing', async (fixture, message) => {
    const { specDir } = tempWorkspace(fixture);
    const result = await run(specDir, 'bundle');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(join(specDir, 'dist'))).toBe(false);
  });

  it('bundle --lint (a spec package build) runs every spec check first, and writes nothing when one fails', async () => {
    const bad = tempWorkspace('bad-example.yaml');
    const failing = await run(bad.specDir, 'bundle', '--lint');
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(
      /\/data\/1\/created: .*must be integer\. \(no-invalid-media-type-examples\)/,
    );
    expect(failing.stderr).toContain('Nothing written to specs/acme/dist/');
    expect(existsSync(join(bad.specDir, 'dist'))).toBe(false);
    // The same spec bundles without --lint: the flag is what stopped it.
    expect((await run(bad.specDir, 'bundle')).code).toBe(0);

    const { specDir } = tempWorkspace();
    const passing = await run(specDir, 'bundle', '--lint');
    expect(passing.stdout).toContain('specs/acme/openapi.yaml: all spec checks passed');
    expect(passing.code).toBe(0);
    expect(existsSync(join(specDir, 'dist', 'openapi.json'))).toBe(true);
  });

  it('exits 2 with the known vendors on an unknown --vendor', async () => {
    const { root } = tempWorkspace();
    const result = await run(root, 'lint', '--vendor', 'nope');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown vendor "nope". Known vendors: acme.');
  });

  it('exits 2 on an unknown command', async () => {
    const { root } = tempWorkspace();
    const result = await run(root, 'frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate"');
  });

  it('generate writes the client modules, and generate --check exits 1 naming a stale file', {
    timeout: 180_000,
  }, async () => {
    const { root, specDir } = tempWorkspace();
    expect((await run(specDir, 'bundle')).code).toBe(0);
    const pkg = join(root, 'packages', 'acme');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@modelspecs/acme', version: '1.0.0' }));
    expect((await run(pkg, 'generate', '--check')).code).toBe(1);
    expect(existsSync(join(pkg, 'src', 'generated'))).toBe(false);

    expect((await run(pkg, 'generate')).code).toBe(0);
    expect(readFileSync(join(pkg, 'src', 'generated', 'vendor.gen.ts'), 'utf8')).toContain(
      '"envVar": "ACME_API_KEY"',
    );
    expect((await run(pkg, 'generate', '--check')).code).toBe(0);

    appendFileSync(join(pkg, 'src', 'generated', 'schema.gen.ts'), '// edited by hand\n');
    const stale = await run(pkg, 'generate', '--check');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('Generated code is stale: packages/acme/src/generated/schema.gen.ts');
  });
});

describe('the modelspecs-spec bin, in a process of its own', () => {
  const cli = join(repoRoot, 'packages', 'spec-tools', 'bin', 'modelspecs-spec.js');
  const spawn = (cwd: string, ...args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, MODELSPECS_ROOT: '' },
    });

  it('exits 1 with the problems on stderr when a check fails', () => {
    const { specDir } = tempWorkspace('bad-example.yaml');
    const result = spawn(specDir, 'lint');
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/specs\/acme\/openapi\.yaml:68:\d+ .*\(no-invalid-media-type-examples\)/);
    expect(result.status).toBe(1);
  });

  it('exits 2 with the usage error on stderr, and 0 with the vendors on stdout', () => {
    const { root } = tempWorkspace();
    const unknown = spawn(root, 'frobnicate');
    expect(unknown.stderr).toMatch(/^modelspecs-spec: Unknown command "frobnicate"/);
    expect(unknown.status).toBe(2);
    const vendors = spawn(root, 'vendors');
    expect(vendors.stdout).toBe('acme\tACME_API_KEY\t4999\n');
    expect(vendors.status).toBe(0);
  });
});
