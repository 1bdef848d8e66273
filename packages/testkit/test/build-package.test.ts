// Every package's `build` is scripts/build-package.mjs: TypeScript's single-file emitters instead of `tsc -p
// tsconfig.build.json`. These tests build a throwaway package both ways and require the same files, byte for byte
// (JavaScript, declarations and both source maps), and check how the script refuses what it cannot build alone: an
// export whose type must be inferred from another file, a syntax error, a package that is not an ES module. A refused
// build writes nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempFolders, tempFolder } from '../src/processes.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const script = join(root, 'scripts', 'build-package.mjs');
const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');

// What the packages' sources use: classes with private and parameter properties, generics, overloads, enums, type-only
// imports and exports, import.meta, JSON-free relative imports with .js, async generators, satisfies, declare, JSDoc; and one .mts and one .cts
// file, which NodeNext emits as an ES module and as CommonJS whatever the package's type.
const sources: Record<string, string> = {
  'index.ts': `export { Box, type Shape, Color, area } from './shapes.js';
export * from './nested/util.js';
export type { Options } from './types.js';
/** Where this module is. */
export const here: string = new URL('.', import.meta.url).pathname;
`,
  'shapes.ts': `import type { Options } from './types.js';
export type Shape = { kind: 'circle'; r: number } | { kind: 'square'; side: number };
export enum Color { Red = 'red', Blue = 'blue' }
/** The area of a shape. */
export function area(shape: Shape): number;
export function area(shape: Shape, precision: number): string;
export function area(shape: Shape, precision?: number): number | string {
  const value = shape.kind === 'circle' ? Math.PI * shape.r ** 2 : shape.side ** 2;
  return precision === undefined ? value : value.toFixed(precision);
}
export class Box<T extends object = Options> {
  #secret = 1;
  static readonly count: number = 0;
  constructor(public readonly value: T, private label = 'box') {}
  get size(): number { return Object.keys(this.value).length + this.#secret; }
  describe(): string { return \`\${this.label}: \${this.size}\`; }
  async *each(): AsyncGenerator<[string, unknown]> { for (const e of Object.entries(this.value)) yield e; }
}
`,
  'types.ts': `export interface Options { readonly name?: string; retries: number }
export const DEFAULTS = { retries: 2, name: 'x' } as const;
export const checked: Options = { retries: 1 } satisfies Options;
declare global { interface ImportMeta { readonly dirname?: string } }
`,
  'esm.mts': `import { sum } from './nested/util.js';
export const total: number = sum([1, 2]);
`,
  'cjs.cts': `export const kind: string = 'commonjs';
export function twice(n: number): number { return 2 * n; }
`,
  'nested/util.ts': `// A comment kept in the output.
export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
export let counter = 0;
export function bump(by = 1): number { counter += by; return counter; }
`,
};

function writePackage(dir: string, files: Record<string, string>, type = 'module') {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fixture', type }));
  writeFileSync(
    join(dir, 'tsconfig.build.json'),
    JSON.stringify({
      extends: join(root, 'tsconfig.base.json'),
      compilerOptions: { noCheck: true, rootDir: 'src', outDir: 'dist', types: [] },
      include: ['src'],
    }),
  );
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, 'src', name)), { recursive: true });
    writeFileSync(join(dir, 'src', name), text);
  }
}

/** Every file under `dir`, relative path → content. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** `node <args>` in `cwd`: its exit code and its output (stdout and stderr). */
function node(cwd: string, args: string[]): { code: number | null; output: string } {
  const run = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  return { code: run.status, output: run.stdout + run.stderr };
}

const build = (cwd: string, ...args: string[]) => node(cwd, [script, ...args]);

afterAll(removeTempFolders);

describe('scripts/build-package.mjs', () => {
  let dir: string;
  let byTsc: Record<string, string>;
  beforeAll(() => {
    dir = tempFolder('modelspecs-build-package-');
    writePackage(dir, sources);
    const run = node(dir, [tsc, '-p', 'tsconfig.build.json']);
    expect(run.output).toBe('');
    expect(run.code).toBe(0);
    byTsc = tree(join(dir, 'dist'));
    rmSync(join(dir, 'dist'), { recursive: true });
  });

  it('writes the files tsc -p tsconfig.build.json writes, byte for byte', () => {
    // 6 sources × (code, its map, declarations, their map)
    expect(Object.keys(byTsc)).toHaveLength(24);
    const run = build(dir);
    expect(run.output).toBe('');
    expect(run.code).toBe(0);
    const ours = tree(join(dir, 'dist'));
    expect(Object.keys(ours).sort()).toEqual(Object.keys(byTsc).sort());
    for (const [path, text] of Object.entries(byTsc)) expect(ours[path], path).toBe(text);
    // ES modules, as tsc emits them for a "type": "module" package under NodeNext.
    expect(ours['index.js']).toContain('export const here = new URL');
    expect(ours['shapes.d.ts']).toContain('export declare class Box<T extends object = Options>');
    // .mts and .cts keep their own formats and extensions, as under NodeNext.
    expect(ours['esm.mjs']).toContain('export const total = sum([1, 2]);');
    expect(ours['esm.d.mts']).toContain('export declare const total: number;');
    expect(ours['cjs.cjs']).toContain('exports.twice = twice;');
    expect(ours['cjs.d.cts']).toContain('export declare function twice(n: number): number;');
  });

  it('--check passes on a fresh build and names a file that is out of date', () => {
    build(dir);
    expect(build(dir, '--check').code).toBe(0);
    writeFileSync(join(dir, 'dist', 'nested', 'util.d.ts'), 'stale');
    const run = build(dir, '--check');
    expect(run.code).toBe(1);
    expect(run.output).toContain('dist/nested/util.d.ts is missing or out of date');
    expect(readFileSync(join(dir, 'dist', 'nested', 'util.d.ts'), 'utf8')).toBe('stale');
  });

  it('refuses an export whose type must be inferred, naming the file and line, and writes nothing', () => {
    const bad = tempFolder('modelspecs-build-package-bad-');
    writePackage(bad, {
      ...sources,
      'late.ts': "import { sum } from './nested/util.js';\n\nexport const total = sum([1, 2]);\n",
    });
    const run = build(bad);
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/src\/late\.ts\(3,14\): error TS9010/);
    expect(run.output).toContain('nothing was written');
    expect(run.output).toContain('type annotation');
    expect(existsSync(join(bad, 'dist'))).toBe(false);
  });

  it('refuses a syntax error and writes nothing', () => {
    const bad = tempFolder('modelspecs-build-package-syntax-');
    writePackage(bad, { ...sources, 'broken.ts': 'export const x: number = (1;\n' });
    const run = build(bad);
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/src\/broken\.ts\(1,\d+\): error TS1005/);
    expect(existsSync(join(bad, 'dist'))).toBe(false);
  });

  it('refuses a package that is not an ES module, and an unknown flag, saying what to do', () => {
    const cjs = tempFolder('modelspecs-build-package-cjs-');
    writePackage(cjs, sources, 'commonjs');
    const run = build(cjs);
    expect(run.code).toBe(1);
    expect(run.output).toContain('package.json: "type" must be "module"');
    expect(existsSync(join(cjs, 'dist'))).toBe(false);
    const flag = build(dir, '--watch');
    expect(flag.code).toBe(2);
    expect(flag.output).toContain("Unknown option '--watch'");
    expect(flag.output).toContain('Usage:');
  });
});
