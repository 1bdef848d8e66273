/**
 * Type-checks the TypeScript code samples users copy: every `x-codeSamples` entry in TypeScript and every ```ts
 * block of a client README, compiled against the client packages' sources with the repo's compiler options.
 */
import { join } from 'node:path';
import { listOperations, type OpenApiDocument } from '@modelspecs/spec-tools';
import ts from 'typescript';

export interface CodeSample {
  vendor: string;
  /** `listModels` for a spec sample, `packages/acme/README.md:12` for a README block. */
  origin: string;
  source: string;
  /** Line of the sample's first line in its file (1 for spec samples, which are shown on their own). */
  firstLine: number;
}

export interface SampleProblem {
  vendor: string;
  origin: string;
  /** 1-based line inside the sample. */
  line: number;
  /** That line of the sample, trimmed. */
  code: string;
  message: string;
}

const TYPESCRIPT_LANG = /^(typescript|ts)$/i;

/** Every TypeScript `x-codeSamples` entry of a spec, named by its operation. */
export function specSamples(doc: OpenApiDocument, vendor: string): CodeSample[] {
  return listOperations(doc).flatMap(({ method, path, operation }) => {
    const samples = operation['x-codeSamples'];
    if (!Array.isArray(samples)) return [];
    return samples
      .filter((s: { lang?: unknown }) => typeof s?.lang === 'string' && TYPESCRIPT_LANG.test(s.lang))
      .map((s: { source?: unknown }) => ({
        vendor,
        origin: operation.operationId ?? `${method.toUpperCase()} ${path}`,
        source: String(s.source ?? ''),
        firstLine: 1,
      }));
  });
}

const FENCE = /^(```|~~~)[ \t]*(ts|typescript)\b[^\n]*\n([\s\S]*?)^\1[ \t]*$/gim;

/** Every ```ts / ```typescript block of a markdown file. */
export function markdownSamples(markdown: string, vendor: string, file: string): CodeSample[] {
  return [...markdown.matchAll(FENCE)].map((match) => {
    const firstLine = markdown.slice(0, match.index).split('\n').length + 1;
    return { vendor, origin: `${file}:${firstLine}`, source: match[3]!, firstLine };
  });
}

export interface CheckOptions {
  /** The workspace root: its tsconfig.base.json gives the compiler options. */
  root: string;
  /** Module specifiers mapped to source files, e.g. `@modelspecs/acme` -> `packages/acme/src/index.ts`. */
  paths: Record<string, string>;
}

/** The previous program: reusing its parsed lib and package files makes the next check much faster. */
let previous: { key: string; program: ts.Program } | undefined;
/** Parsed lib and package files, shared by every check of this process (samples are never cached). */
const parsedFiles = new Map<string, ts.SourceFile | undefined>();

/** Compiles every sample (each its own ES module) in one program; returns the problems found in the samples. */
export function typecheckSamples(samples: readonly CodeSample[], options: CheckOptions): SampleProblem[] {
  const configFile = join(options.root, 'tsconfig.base.json');
  const read = ts.readConfigFile(configFile, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, options.root, undefined, configFile);
  const compilerOptions: ts.CompilerOptions = {
    ...parsed.options,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
    declaration: false,
    declarationMap: false,
    sourceMap: false,
    // A sample may declare a name it does not use again; that is not a mistake a reader copies.
    noUnusedLocals: false,
    paths: Object.fromEntries(Object.entries(options.paths).map(([name, file]) => [name, [file]])),
  };

  // .mts: each sample is an ES module whatever package.json is nearest, so top-level await is allowed.
  const sampleDir = join(options.root, 'packages', 'docs', '.code-samples');
  const files = new Map<string, CodeSample>();
  samples.forEach((sample, index) => {
    files.set(join(sampleDir, `${sample.vendor}-${index}.mts`), sample);
  });

  const host = ts.createCompilerHost(compilerOptions);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (file) => files.has(file) || fileExists.call(host, file);
  host.readFile = (file) => files.get(file)?.source ?? readFile.call(host, file);
  host.getSourceFile = (file, language, onError, shouldCreate) => {
    const sample = files.get(file);
    if (sample) return ts.createSourceFile(file, sample.source, language, true, ts.ScriptKind.TS);
    const cacheKey = `${file}\0${JSON.stringify(language)}`;
    if (!parsedFiles.has(cacheKey)) {
      parsedFiles.set(cacheKey, getSourceFile.call(host, file, language, onError, shouldCreate));
    }
    return parsedFiles.get(cacheKey);
  };

  const key = JSON.stringify(compilerOptions);
  const program = ts.createProgram({
    rootNames: [...files.keys()],
    options: compilerOptions,
    host,
    oldProgram: previous?.key === key ? previous.program : undefined,
  });
  previous = { key, program };
  const problems: SampleProblem[] = [];
  for (const diagnostic of [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]) {
    problems.push({
      vendor: '*',
      origin: 'compiler options',
      line: 0,
      code: '',
      message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
    });
  }
  for (const [file, sample] of files) {
    const sourceFile = program.getSourceFile(file)!;
    const diagnostics = [
      ...program.getSyntacticDiagnostics(sourceFile),
      ...program.getSemanticDiagnostics(sourceFile),
    ];
    for (const diagnostic of diagnostics) {
      const { line } = sourceFile.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      problems.push({
        vendor: sample.vendor,
        origin: sample.origin,
        line: line + 1,
        code: (sample.source.split('\n')[line] ?? '').trim(),
        message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
      });
    }
  }
  return problems;
}

/** One line per problem: `tensoras listModels, sample line 4: <code>\n    <message>`. */
export function formatProblems(problems: readonly SampleProblem[]): string {
  return problems
    .map(
      (p) =>
        `${p.vendor} ${p.origin}, sample line ${p.line}: ${p.code}\n    ${p.message.replace(/\n/g, '\n    ')}`,
    )
    .join('\n');
}
