// Every package's `build` is scripts/build-package.mjs: oxc's transform and isolated-declarations emitter, file by
// file, instead of `tsc -p tsconfig.build.json`. These tests build a throwaway package both ways and hold ours to tsc's:
// the same files; declarations that print the same through TypeScript's printer; JavaScript that behaves the same
// (every export of every module, and what the classes, enums and functions do); source maps of the same sources that
// map into them; the .cts file (TypeScript's emit) byte for byte. They check how the script refuses what it cannot
// build alone: an export whose type must be inferred from another file, a syntax error, a package that is not an ES
// module. A refused build writes nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as TypeScript from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempFolders, tempFolder } from '../src/processes.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const script = join(root, 'scripts', 'build-package.mjs');
const requireFromRoot = createRequire(join(root, 'package.json'));
const tsc = requireFromRoot.resolve('typescript/bin/tsc');
const ts: typeof TypeScript = requireFromRoot('typescript');

/** A file's text as TypeScript's printer writes its syntax tree: the same for two texts that differ only in layout. */
function printed(name: string, text: string): string {
  const file = ts.createSourceFile(
    name,
    text.replace(/\/\/# sourceMappingURL=.*$/m, ''),
    ts.ScriptTarget.ES2022,
    true,
  );
  // String literals as new nodes, which the printer quotes one way whatever quotes the text used.
  const requote: TypeScript.TransformerFactory<TypeScript.SourceFile> = (context) => (root) => {
    const visit = (node: TypeScript.Node): TypeScript.Node =>
      ts.isStringLiteral(node)
        ? ts.factory.createStringLiteral(node.text)
        : ts.visitEachChild(node, visit, context);
    return ts.visitNode(root, visit) as TypeScript.SourceFile;
  };
  const [requoted] = ts.transform(file, [requote]).transformed;
  return ts.createPrinter({ removeComments: true }).printFile(requoted!);
}

/** What a module exports, and what its classes, enums and functions do, as plain data. */
async function behaviour(dist: string): Promise<unknown> {
  const load = (file: string) => import(`${pathToFileURL(join(dist, file)).href}?${Math.random()}`);
  const index = await load('index.js');
  const esm = await load('esm.mjs');
  const cjs = await load('cjs.cjs');
  const box = new index.Box({ a: 1, b: 2 }, 'crate');
  const entries: unknown[] = [];
  for await (const entry of box.each()) entries.push(entry);
  return {
    exports: Object.fromEntries(
      Object.entries({ index, esm, cjs }).map(([name, module]) => [name, Object.keys(module).sort()]),
    ),
    color: { ...index.Color },
    area: [index.area({ kind: 'circle', r: 1 }), index.area({ kind: 'square', side: 2 }, 1)],
    box: [box.describe(), box.size, box.value, Object.keys(box), index.Box.count, entries],
    util: [index.sum([1, 2, 3]), index.bump(), index.bump(2), index.counter],
    here: typeof index.here,
    esm: esm.total,
    cjs: [cjs.kind, cjs.twice(4)],
  };
}

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
    // Kept beside ours, to import both.
    renameSync(join(dir, 'dist'), join(dir, 'tsc-dist'));
  });

  it('writes the files tsc -p tsconfig.build.json writes, with the same declarations, behaviour and sources', async () => {
    // 6 sources × (code, its map, declarations, their map)
    expect(Object.keys(byTsc)).toHaveLength(24);
    const run = build(dir);
    expect(run.output).toBe('');
    expect(run.code).toBe(0);
    const ours = tree(join(dir, 'dist'));
    expect(Object.keys(ours).sort()).toEqual(Object.keys(byTsc).sort());
    for (const [path, text] of Object.entries(byTsc)) {
      if (path.endsWith('.map')) {
        // A map of the same source, named like tsc's, that maps into it.
        const [map, theirs] = [JSON.parse(ours[path]!), JSON.parse(text)];
        expect({ ...map, mappings: undefined, names: undefined }, path).toEqual({
          ...theirs,
          mappings: undefined,
          names: undefined,
        });
        expect(map.mappings, path).toMatch(/^[;,A-Za-z0-9+/]*[A-Za-z0-9+/][;,A-Za-z0-9+/]*$/);
        // The output ends with the comment that points at its map, as tsc's does.
        expect(ours[path.replace(/\.map$/, '')], path).toMatch(
          new RegExp(`//# sourceMappingURL=${basename(path)}$`),
        );
      } else if (/\.d\.[cm]?ts$/.test(path) || path.endsWith('.cjs')) {
        expect(printed(path, ours[path]!), path).toBe(printed(path, text));
      }
    }
    // The CommonJS of .cts is TypeScript's own emit.
    expect(ours['cjs.cjs']).toBe(byTsc['cjs.cjs']);
    expect(await behaviour(join(dir, 'dist'))).toEqual(await behaviour(join(dir, 'tsc-dist')));
    // ES modules, as tsc emits them for a "type": "module" package under NodeNext.
    expect(ours['index.js']).toMatch(/export const here = new URL/);
    expect(ours['shapes.d.ts']).toContain('export declare class Box<T extends object = Options>');
    // Comments and JSDoc stay, in the code and in the declarations.
    expect(ours['nested/util.js']).toContain('// A comment kept in the output.');
    expect(ours['shapes.d.ts']).toContain('/** The area of a shape. */');
    // .mts and .cts keep their own formats and extensions, as under NodeNext.
    expect(ours['esm.mjs']).toMatch(/export const total = sum\(\[1, 2\]\);/);
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
    expect(run.output).toMatch(/src\/broken\.ts\(1,\d+\): error: Expected `,` or `\)`/);
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
