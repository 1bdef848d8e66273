#!/usr/bin/env node
// A package's `build`: the JavaScript and the declarations of every source file of its tsconfig.build.json, file by
// file, with TypeScript's own single-file emitters (transpileModule and transpileDeclaration), without building a
// program: no library or dependency declarations are read, so a package builds in 1.4-2.8 CPU-seconds instead of
// 3.0-5.4 for `tsc -p tsconfig.build.json` (BENCHMARKS.md). The output is the same files tsc writes (the build test
// compares them); type errors are the repository type check's (`pnpm typecheck`), which checks every package's sources
// and tests.
// Declarations file by file need `isolatedDeclarations` (tsconfig.base.json): an export whose type tsc would have to
// infer from another file must say its type, and this script names each such place.
//   node ../../scripts/build-package.mjs [--project tsconfig.build.json] [--check]
// --check writes nothing and exits 1 when an output would differ from the file on disk.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

// require, not import: importing TypeScript's CommonJS bundle from an ES module makes Node scan all of its 9 MB for
// named exports first (about half a CPU-second of every build).
const ts = createRequire(import.meta.url)('typescript');

const usage =
  'Usage: node scripts/build-package.mjs [--project <tsconfig>] [--check]   (run in the package folder)';

/** Diagnostics as `file(line,col): error TSnnnn: message` lines, with the package-relative file. */
function formatDiagnostics(diagnostics, cwd) {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => cwd,
    getNewLine: () => '\n',
  });
}

/**
 * Every output file of the project in `cwd`, as [absolute path, text] pairs, or the diagnostics that stop the build.
 * Reads the project's sources and writes nothing.
 */
export function emitPackage(cwd, project = 'tsconfig.build.json') {
  const configPath = resolve(cwd, project);
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) return { diagnostics: [read.error] };
  const config = ts.parseJsonConfigFileContent(
    read.config,
    ts.sys,
    dirname(configPath),
    undefined,
    configPath,
  );
  if (config.errors.length > 0) return { diagnostics: config.errors };
  const options = config.options;
  if (!options.outDir || !options.rootDir) {
    return {
      message: `${relative(cwd, configPath)}: compilerOptions.outDir and compilerOptions.rootDir are required (the build writes <outDir>/<file relative to rootDir>).`,
    };
  }
  // transpileModule emits no declarations and refuses the options that only concern them.
  // A single file cannot be told its package's "type", so that NodeNext would emit CommonJS for a .ts file: the
  // packages are ES modules (the build refuses any other), whose NodeNext output is ES2022 modules for .ts and .mts
  // and CommonJS for .cts, so each file gets the options of its format.
  const { declaration, declarationMap, isolatedDeclarations, ...rest } = options;
  const esm = { ...rest, module: ts.ModuleKind.ES2022, moduleResolution: ts.ModuleResolutionKind.Bundler };
  const cjs = { ...rest, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 };
  const manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  if (manifest.type !== 'module') {
    return {
      message:
        'package.json: "type" must be "module" (the build emits ES modules, as tsc does for such a package).',
    };
  }
  const outputs = [];
  const diagnostics = [];
  for (const fileName of config.fileNames) {
    if (!/\.(c|m)?tsx?$/.test(fileName) || /\.d\.(c|m)?ts$/.test(fileName)) continue;
    const rel = relative(options.rootDir, fileName);
    if (rel.startsWith('..')) {
      return {
        message: `${relative(cwd, fileName)} is outside compilerOptions.rootDir (${relative(cwd, options.rootDir) || '.'}).`,
      };
    }
    const source = readFileSync(fileName, 'utf8');
    const base = join(options.outDir, rel.replace(/\.(c|m)?tsx?$/, ''));
    // As under NodeNext: .mts is always an ES module (.mjs), .cts always CommonJS (.cjs), each with its declarations.
    const [ext, dext, compilerOptions] = /\.mts$/.test(fileName)
      ? ['.mjs', '.d.mts', esm]
      : /\.cts$/.test(fileName)
        ? ['.cjs', '.d.cts', cjs]
        : ['.js', '.d.ts', esm];
    const js = ts.transpileModule(source, {
      compilerOptions,
      fileName,
      reportDiagnostics: true,
    });
    diagnostics.push(...(js.diagnostics ?? []));
    outputs.push([base + ext, js.outputText]);
    if (js.sourceMapText !== undefined) outputs.push([`${base}${ext}.map`, js.sourceMapText]);
    if (options.declaration) {
      const dts = ts.transpileDeclaration(source, {
        compilerOptions: options,
        fileName,
        reportDiagnostics: true,
      });
      diagnostics.push(...(dts.diagnostics ?? []));
      outputs.push([base + dext, dts.outputText]);
      if (dts.sourceMapText !== undefined) outputs.push([`${base}${dext}.map`, dts.sourceMapText]);
    }
  }
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) return { diagnostics: errors };
  return { outputs };
}

/** Writes each file through a temporary file and a rename, so that no output is ever half-written. */
function writeOutputs(outputs) {
  for (const [path, text] of outputs) {
    mkdirSync(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, path);
  }
}

function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        project: { type: 'string', default: 'tsconfig.build.json' },
        check: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`build-package: ${error.message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const cwd = process.cwd();
  const result = emitPackage(cwd, values.project);
  if (result.message) {
    console.error(`build-package: ${result.message}`);
    return 1;
  }
  if (result.diagnostics) {
    console.error(formatDiagnostics(result.diagnostics, cwd).trimEnd());
    console.error(
      `build-package: ${result.diagnostics.length} error(s) in ${relative(resolve(cwd, '..', '..'), cwd) || cwd}; nothing was written.` +
        ' An export whose type is inferred needs a type annotation (isolatedDeclarations); `pnpm typecheck` explains type errors.',
    );
    return 1;
  }
  if (values.check) {
    const stale = result.outputs.filter(([path, text]) => {
      try {
        return readFileSync(path, 'utf8') !== text;
      } catch {
        return true;
      }
    });
    for (const [path] of stale)
      console.error(`build-package: ${relative(cwd, path)} is missing or out of date`);
    return stale.length > 0 ? 1 : 0;
  }
  writeOutputs(result.outputs);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('build-package.mjs')) {
  process.exitCode = main();
}
