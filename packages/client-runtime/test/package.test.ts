import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixturePackage as makeFixturePackage, packageProblems, readmeProblems } from '@modelspecs/testkit';
import { afterAll, describe, expect, it } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'modelspecs-package-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ANSWER_JS = 'export const answer = 42;\n';
const ANSWER_D_TS = 'export declare const answer: number;\n';

/** A package folder in the scratch folder (testkit's `fixturePackage`). */
const fixturePackage = (name: string, manifest: object, files: Record<string, string>) =>
  makeFixturePackage(scratch, name, manifest, files);

describe('@modelspecs/client-runtime as published', () => {
  // publint and attw on this package as packed: `pnpm check:packages` (scripts/check-packages.mjs), in `pnpm check`.
  // The tests below hold the check itself to what it must report.
  it('has a README whose TypeScript example compiles', { timeout: 300_000 }, () => {
    expect(readmeProblems(fileURLToPath(new URL('..', import.meta.url)))).toEqual([]);
  });

  it('reports a README example that does not compile', { timeout: 300_000 }, () => {
    writeFileSync(join(scratch, 'README.md'), "# x\n\n```ts\nconst n: number = 'one';\nexport {};\n```\n");
    const problems = readmeProblems(scratch);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^README.md ts block 1, line 1:7: Type 'string' is not assignable to type 'number'/,
    );
  });

  it('reports a package whose exports list types after the code', { timeout: 300_000 }, async () => {
    const dir = fixturePackage(
      'broken-exports',
      {
        exports: { '.': { default: './index.js', types: './index.d.ts' } },
        files: ['index.js', 'index.d.ts'],
      },
      { 'index.js': ANSWER_JS, 'index.d.ts': ANSWER_D_TS },
    );
    const problems = await packageProblems(dir);
    expect(problems.some((problem) => problem.startsWith('publint:') && problem.includes('types'))).toBe(
      true,
    );
  });

  it("reports an entry point without types under each ESM resolution, not the ones attw's ESM-only profile ignores", {
    timeout: 300_000,
  }, async () => {
    const dir = fixturePackage(
      'half-typed',
      {
        exports: { '.': { types: './index.d.ts', default: './index.js' }, './extra': './extra.js' },
        files: ['index.js', 'index.d.ts', 'extra.js'],
      },
      { 'index.js': ANSWER_JS, 'index.d.ts': ANSWER_D_TS, 'extra.js': 'export const more = 1;\n' },
    );
    // node10 and node16 from CommonJS have it too; the profile leaves them out.
    expect(await packageProblems(dir)).toEqual([
      expect.stringMatching(
        /^attw: UntypedResolution \(.*\), entry point "\.\/extra" \(node16-esm, bundler\): /,
      ),
    ]);
  });

  it('reports a package without type declarations', { timeout: 300_000 }, async () => {
    const dir = fixturePackage('untyped', { exports: './index.js' }, { 'index.js': ANSWER_JS });
    const problems = await packageProblems(dir);
    expect(problems.filter((problem) => problem.startsWith('attw:'))).toEqual([
      expect.stringMatching(/^attw: the package has no type declarations/),
    ]);
  });

  it('reports declarations that import a file the tarball leaves out, though it is on disk', {
    timeout: 300_000,
  }, async () => {
    // attw reads the tarball pnpm packs, not the folder: util.d.ts exists here but is not in `files`.
    const dir = fixturePackage(
      'unpacked-types',
      {
        exports: { '.': { types: './index.d.ts', default: './index.js' } },
        files: ['index.js', 'index.d.ts'],
      },
      {
        'index.js': ANSWER_JS,
        'index.d.ts': "export * from './util.js';\n",
        'util.d.ts': ANSWER_D_TS,
      },
    );
    const problems = await packageProblems(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^attw: InternalResolutionError \(.*\), \S*index\.d\.ts, importing "\.\/util\.js" \(node16, bundler\): /,
    );
  });
});
