// The repository has one type check, `//#repo:typecheck` (TypeScript 7's `tsc -p tsconfig.json` at the root, in `pnpm build`,
// `pnpm test` and `pnpm typecheck`), instead of one per package: a single TypeScript program loads the libraries'
// declarations once. These tests require that program to cover every file each package's own tsconfig.json (the one
// an editor uses) covers, sources, tests and type tests alike, with the same compiler options.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TS from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const ts: typeof TS = createRequire(join(root, 'package.json'))('typescript');

function parse(file: string): TS.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(file, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`${file}: not a tsconfig`);
  expect(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  return parsed;
}

const packages = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const program = parse(join(root, 'tsconfig.json'));
const covered = new Set(program.fileNames);

describe('the repository type check', () => {
  it('type-checks every file of every package tsconfig, type tests included', () => {
    const missing: string[] = [];
    let typeTests = 0;
    for (const name of packages) {
      for (const file of parse(join(root, 'packages', name, 'tsconfig.json')).fileNames) {
        if (file.endsWith('.test-d.ts')) typeTests += 1;
        if (!covered.has(file)) missing.push(file.slice(root.length + 1));
      }
    }
    expect(missing).toEqual([]);
    // The five vendor clients have type tests: a program that lost them would pass with nothing to check.
    expect(typeTests).toBeGreaterThanOrEqual(5);
  });

  it('uses the compiler options of every package tsconfig', () => {
    const options = (parsed: TS.ParsedCommandLine) => {
      const { configFilePath, pathsBasePath, ...rest } = parsed.options;
      return rest;
    };
    for (const name of packages) {
      expect(options(parse(join(root, 'packages', name, 'tsconfig.json'))), name).toEqual(options(program));
    }
  });
});
