import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageProblems, readmeProblems } from '@modelspecs/testkit';
import { afterAll, describe, expect, it } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'modelspecs-package-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('@modelspecs/client-runtime as published', () => {
  it('passes publint and attw', { timeout: 300_000 }, async () => {
    expect(await packageProblems(fileURLToPath(new URL('..', import.meta.url)))).toEqual([]);
  });

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
    writeFileSync(
      join(scratch, 'package.json'),
      JSON.stringify({
        name: 'broken-exports',
        version: '1.0.0',
        type: 'module',
        license: 'MIT',
        exports: { '.': { default: './index.js', types: './index.d.ts' } },
        files: ['index.js', 'index.d.ts'],
      }),
    );
    writeFileSync(join(scratch, 'index.js'), 'export const answer = 42;\n');
    writeFileSync(join(scratch, 'index.d.ts'), 'export declare const answer: number;\n');
    const problems = await packageProblems(scratch);
    expect(problems.some((problem) => problem.startsWith('publint:') && problem.includes('types'))).toBe(
      true,
    );
  });

  it('reports declarations that import a file the tarball leaves out, though it is on disk', {
    timeout: 300_000,
  }, async () => {
    // attw reads the tarball pnpm packs, not the folder: util.d.ts exists here but is not in `files`.
    const dir = mkdtempSync(join(scratch, 'unpacked-'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({
        name: 'unpacked-types',
        version: '1.0.0',
        type: 'module',
        license: 'MIT',
        exports: { '.': { types: './index.d.ts', default: './index.js' } },
        files: ['index.js', 'index.d.ts'],
      }),
    );
    writeFileSync(join(dir, 'index.js'), 'export const answer = 42;\n');
    writeFileSync(join(dir, 'index.d.ts'), "export * from './util.js';\n");
    writeFileSync(join(dir, 'util.d.ts'), 'export declare const answer: number;\n');
    const problems = await packageProblems(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^attw: [\s\S]*InternalResolutionError/);
  });
});
