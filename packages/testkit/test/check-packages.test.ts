// scripts/check-packages.mjs, what `pnpm check:packages` (in `pnpm check`) runs on every public package: run here on
// two throwaway packages, one whose `exports` publint rejects, so that a check that stopped failing would show.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturePackage, removeTempFolders, runNode, tempFolder } from '../src/processes.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const script = join(root, 'scripts', 'check-packages.mjs');
afterAll(removeTempFolders);

const FILES = {
  'index.js': 'export const answer = 42;\n',
  'index.d.ts': 'export declare const answer: number;\n',
};

describe('scripts/check-packages.mjs', () => {
  it('names each package it checked, fails naming the problem of the broken one, and exits 1', {
    timeout: 300_000,
  }, async () => {
    const scratch = tempFolder('modelspecs-check-packages-');
    // A data file exported by its path (as each spec package exports `./openapi.yaml`) is not a module to resolve.
    const good = fixturePackage(
      scratch,
      'good-exports',
      {
        exports: { '.': { types: './index.d.ts', default: './index.js' }, './data.yaml': './data.yaml' },
        files: ['index.js', 'index.d.ts', 'data.yaml'],
      },
      { ...FILES, 'data.yaml': 'answer: 42\n' },
    );
    const broken = fixturePackage(
      scratch,
      'broken-exports',
      {
        exports: { '.': { default: './index.js', types: './index.d.ts' } },
        files: ['index.js', 'index.d.ts'],
      },
      FILES,
    );
    const run = runNode(script, [good, broken], root);
    const { code } = await run.exit;
    const out = run.stdout();
    expect(run.stderr()).toBe('');
    expect(out).toMatch(/^ok {3}good-exports$/m);
    expect(out).toMatch(/^FAIL broken-exports$/m);
    // The problem, indented under its package: publint's rule that `types` comes first.
    expect(out).toMatch(/^FAIL broken-exports\n {5}publint: .*types/m);
    expect(out).toContain('1 of 2 packages have problems');
    expect(code).toBe(1);
  });

  it('refuses a folder without a package.json as a usage error naming it', { timeout: 120_000 }, async () => {
    const scratch = tempFolder('modelspecs-check-packages-');
    const run = runNode(script, [scratch], root);
    const { code } = await run.exit;
    expect(code).toBe(2);
    expect(run.stderr()).toContain(`${scratch}: no package.json in this folder`);
    expect(run.stdout()).toBe('');
  });

  it('refuses a package.json that is not JSON as a usage error naming the file', {
    timeout: 120_000,
  }, async () => {
    const scratch = tempFolder('modelspecs-check-packages-');
    writeFileSync(join(scratch, 'package.json'), '{ not json');
    const run = runNode(script, [scratch], root);
    const { code } = await run.exit;
    expect(code).toBe(2);
    expect(run.stderr()).toContain(`${join(scratch, 'package.json')}: not valid JSON`);
    expect(run.stdout()).toBe('');
  });
});
