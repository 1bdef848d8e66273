#!/usr/bin/env node
// A package's `build`: the JavaScript and the declarations of every source file of its tsconfig.build.json, file by
// file, with oxc (oxc-transform: its TypeScript transform and its isolated-declarations emitter, native code), without
// building a program: no library or dependency declarations are read. A package builds in 0.4-0.7 CPU-seconds; with
// TypeScript's own single-file emitters it took 1.4-2.8, and `tsc -p tsconfig.build.json` 3.0-5.4 (BENCHMARKS.md).
// TypeScript still reads the tsconfig (its `extends`, `include` and options, as tsc would) and emits the rare `.cts`
// file, whose CommonJS oxc does not write. The build test holds the output to tsc's: the same files, declarations and
// JavaScript that print the same through TypeScript's printer, modules that behave the same, and source maps of the
// same sources. Type errors are the repository type check's (`pnpm typecheck`), which checks every package's sources
// and tests.
// Declarations file by file need `isolatedDeclarations` (tsconfig.base.json): an export whose type tsc would have to
// infer from another file must say its type, and this script names each such place.
//   node ../../scripts/build-package.mjs [--project tsconfig.build.json] [--check]
// --check writes nothing and exits 1 when an output would differ from the file on disk.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
// require, not import: importing TypeScript's CommonJS bundle from an ES module makes Node scan all of its 9 MB for
// named exports first (about half a CPU-second of every build).
const ts = require('typescript');
const { isolatedDeclarationSync, transformSync } = require('oxc-transform');

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

/** oxc's errors as `file(line,col): error[ TSnnnn]: message` lines, like TypeScript's. */
function oxcProblems(errors, fileName, source, cwd) {
  return errors
    .filter((error) => error.severity === 'Error')
    .map((error) => {
      const at = error.labels?.[0]?.start ?? 0;
      const before = source.slice(0, at).split('\n');
      const where = `${relative(cwd, fileName)}(${before.length},${before.at(-1).length + 1})`;
      const [, code, message] = /^(TS\d+): ([\s\S]*)$/.exec(error.message) ?? [undefined, '', error.message];
      return `${where}: error${code ? ` ${code}` : ''}: ${message}`;
    });
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The numbers of one segment of a source map's `mappings` (base64 VLQ). */
function decodeSegment(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function encodeSegment(values) {
  let out = '';
  for (const number of values) {
    let value = number < 0 ? (-number << 1) | 1 : number << 1;
    do {
      const digit = value & 31;
      value >>>= 5;
      out += BASE64[value > 0 ? digit | 32 : digit];
    } while (value > 0);
  }
  return out;
}

/**
 * oxc indents with tabs; the packages' outputs are indented with four spaces, as tsc writes them (and as the API
 * reports quote the declarations). Returns the text so indented and its source map moved to match: a column on a line
 * moves by three for each tab before it. Only when the source has no tab at all: then every tab of the output is oxc's
 * indentation, never part of a string that spans lines.
 */
function spacesForTabs(code, map, source) {
  if (source.includes('\t')) return { text: code, map };
  const lines = code.split('\n');
  const tabs = lines.map((line) => /^\t*/.exec(line)[0].length);
  const text = lines.map((line, i) => '    '.repeat(tabs[i]) + line.slice(tabs[i])).join('\n');
  if (!map) return { text };
  const mappings = map.mappings
    .split(';')
    .map((line, i) => {
      let column = 0;
      let moved = 0;
      return line
        .split(',')
        .map((segment) => {
          if (segment === '') return segment;
          const [delta, ...rest] = decodeSegment(segment);
          column += delta;
          const at = column + 3 * Math.min(column, tabs[i] ?? 0);
          const out = encodeSegment([at - moved, ...rest]);
          moved = at;
          return out;
        })
        .join(',');
    })
    .join(';');
  return { text, map: { ...map, mappings } };
}

/** A version 3 source map of `output`, naming its source relative to it, as tsc writes them. */
function sourceMap(map, output, fileName) {
  return JSON.stringify({
    version: 3,
    file: basename(output),
    sourceRoot: '',
    sources: [relative(dirname(output), fileName).split('\\').join('/')],
    names: map.names,
    mappings: map.mappings,
  });
}

/** `text` with the comment that points at its source map, as tsc ends its outputs. */
const withMapComment = (text, output) =>
  `${text.replace(/\n*$/, '\n')}//# sourceMappingURL=${basename(output)}.map`;

/**
 * Every output file of the project in `cwd`, as [absolute path, text] pairs, or the problems that stop the build
 * (`diagnostics` from TypeScript, `problems` from oxc, `message` about the project). Reads the sources, writes nothing.
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
  if (options.target !== ts.ScriptTarget.ES2022) {
    return {
      message: `${relative(cwd, configPath)}: compilerOptions.target must be ES2022 (tsconfig.base.json), the target the build emits.`,
    };
  }
  const manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  if (manifest.type !== 'module') {
    return {
      message:
        'package.json: "type" must be "module" (the build emits ES modules, as tsc does for such a package).',
    };
  }
  // A single file cannot be told its package's "type": the packages are ES modules (the build refuses any other),
  // whose NodeNext output is ES2022 modules for .ts and .mts and CommonJS for .cts. TypeScript emits the .cts files.
  const { declaration, declarationMap, isolatedDeclarations, ...rest } = options;
  const cjs = { ...rest, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 };
  const outputs = [];
  const diagnostics = [];
  const problems = [];
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
    const [ext, dext] = /\.mts$/.test(fileName)
      ? ['.mjs', '.d.mts']
      : /\.cts$/.test(fileName)
        ? ['.cjs', '.d.cts']
        : ['.js', '.d.ts'];
    if (ext === '.cjs') {
      const js = ts.transpileModule(source, { compilerOptions: cjs, fileName, reportDiagnostics: true });
      diagnostics.push(...(js.diagnostics ?? []));
      outputs.push([base + ext, js.outputText]);
      if (js.sourceMapText !== undefined) outputs.push([`${base}${ext}.map`, js.sourceMapText]);
    } else {
      const js = transformSync(fileName, source, {
        lang: /x$/.test(fileName) ? 'tsx' : 'ts',
        sourceType: 'module',
        target: 'es2022',
        sourcemap: Boolean(options.sourceMap),
      });
      problems.push(...oxcProblems(js.errors, fileName, source, cwd));
      const output = base + ext;
      // The outputs import nothing but what the source imports: no helper package of oxc's at run time.
      if (/@oxc-project\/runtime/.test(js.code)) {
        problems.push(
          `${relative(cwd, fileName)}: oxc needs its runtime helpers for this file; the build refuses them.`,
        );
      }
      const { text, map } = spacesForTabs(js.code, js.map, source);
      outputs.push([output, map ? withMapComment(text, output) : text]);
      if (map) outputs.push([`${output}.map`, sourceMap(map, output, fileName)]);
    }
    if (declaration) {
      const dts = isolatedDeclarationSync(fileName, source, { sourcemap: Boolean(declarationMap) });
      problems.push(...oxcProblems(dts.errors, fileName, source, cwd));
      const output = base + dext;
      const { text, map } = spacesForTabs(dts.code, dts.map, source);
      outputs.push([output, map ? withMapComment(text, output) : text]);
      if (map) outputs.push([`${output}.map`, sourceMap(map, output, fileName)]);
    }
  }
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) return { diagnostics: errors };
  if (problems.length > 0) return { problems: [...new Set(problems)] };
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
  if (result.diagnostics || result.problems) {
    const problems = result.problems ?? [];
    console.error(
      result.diagnostics ? formatDiagnostics(result.diagnostics, cwd).trimEnd() : problems.join('\n'),
    );
    console.error(
      `build-package: ${(result.diagnostics ?? problems).length} error(s) in ${relative(resolve(cwd, '..', '..'), cwd) || cwd}; nothing was written.` +
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
