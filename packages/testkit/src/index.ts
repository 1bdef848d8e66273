// Test suites every vendor client package runs, kept here so that each package's test file stays a few lines.
// A private package, so that none of what the suites need (vitest, typescript, spec-tools, publint, attw) becomes a
// dependency of the published runtime.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  bundleSpec,
  child,
  DocumentSchemas,
  describeErrors,
  exampleRequest,
  firstJsonMediaType,
  followRefs,
  getVendor,
  listOperations,
  type OpenApiDocument,
  type OperationEntry,
  type ResponseObject,
} from '@modelspecs/spec-tools';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import type * as TypeScript from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** The part of `@modelspecs/mock`'s startMocks() the suites use. */
export type StartMocks = (options: {
  vendors: string[];
}) => Promise<{ urls: Record<string, string>; stop(): Promise<void> }>;

type Answer = { data?: unknown; error?: unknown; response: Response };

/** A client as the suites drive it: any method by name, with the spec's own request. */
export interface AnyClient {
  request(method: string, path: string, init: object): Promise<Answer>;
}

/** The parts of a vendor package's exports the suites use (its module namespace fits). */
export interface ClientModule {
  unwrap(pending: Promise<Answer>): Promise<unknown>;
  ApiError: abstract new (...args: never[]) => Error & { status: number; body: unknown };
  ResponseTooLargeError: abstract new (...args: never[]) => Error;
}

export interface ClientPackageSuite {
  /** The vendor's slug: its spec is `specs/<slug>/openapi.yaml`. */
  slug: string;
  /** The package folder, holding its package.json and built `dist/`. */
  packageDir: string;
  /** The package's exports: `unwrap` and `ApiError` are taken from them. */
  module: ClientModule;
  /** The package's `create<Vendor>Client`. */
  createClient: (options: {
    apiKey?: string;
    unauthenticated?: boolean;
    baseUrl?: string;
    maxRetries?: number;
  }) => unknown;
  startMocks: StartMocks;
}

/** The JSON pointer of the schema of an operation's documented 401 answer, when it documents one. */
function unauthorizedSchema(doc: OpenApiDocument, entry: OperationEntry): string | undefined {
  const raw = entry.operation.responses?.['401'];
  if (!raw) return undefined;
  const json = firstJsonMediaType(
    followRefs<ResponseObject>(doc, raw, child(entry.pointer, 'responses', '401')),
  );
  return json?.value.schema ? child(json.pointer, 'schema') : undefined;
}

/** A module: JavaScript, TypeScript or JSON, what TypeScript resolves an import to. */
const MODULE_FILE = /\.(?:[cm]?[jt]sx?|json)$/;

/**
 * The subpaths of a package's `exports` that map only to data files, not modules (a spec package's `./openapi.yaml`,
 * read by its path): attw resolves imports, and would report each as an import that resolves to nothing.
 */
function dataEntrypoints(exports: unknown): string[] {
  if (!exports || typeof exports !== 'object' || Array.isArray(exports)) return [];
  const targets = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(targets)
        : [];
  return Object.entries(exports)
    .filter(([subpath]) => subpath.startsWith('.'))
    .filter(([, value]) => {
      const files = targets(value);
      return files.length > 0 && files.every((file) => !MODULE_FILE.test(file));
    })
    .map(([subpath]) => subpath);
}

/**
 * What attw's checks find wrong with a packed package under its ESM-only profile (resolution from ESM: node16 and
 * bundler; node10 and node16 from CommonJS ignored), each problem named by its kind, where it is and what it means. A
 * package without type declarations is a problem too (every package here ships them). Subpaths that export only data
 * files (`dataEntrypoints`) are left out. attw's library runs in this process, loaded on the first check: its CLI, one
 * process per check, cost about a CPU-second more each time (loading its renderer, and the library again).
 */
async function attwProblems(tarball: Uint8Array): Promise<string[]> {
  const attw = await import('@arethetypeswrong/core');
  const { problemKindInfo } = await import('@arethetypeswrong/core/problems');
  const pkg = attw.createPackageFromTarballData(tarball);
  const manifest = JSON.parse(pkg.readFile(`/node_modules/${pkg.packageName}/package.json`)) as {
    exports?: unknown;
  };
  const analysis = await attw.checkPackage(pkg, { excludeEntrypoints: dataEntrypoints(manifest.exports) });
  if (!analysis.types)
    return ['attw: the package has no type declarations (add them, and a `types` condition)'];
  // The resolutions the ESM-only profile ignores: kinds (of entry-point problems) and options (of file problems).
  const ignored: readonly string[] = ['node10', 'node16-cjs'];
  // One message per kind and place, naming every resolution that has it.
  const found = new Map<
    string,
    { kind: keyof typeof problemKindInfo; place: string; resolutions: string[] }
  >();
  for (const problem of analysis.problems) {
    const resolution =
      'resolutionKind' in problem
        ? problem.resolutionKind
        : 'resolutionOption' in problem
          ? problem.resolutionOption
          : undefined;
    if (resolution !== undefined && ignored.includes(resolution)) continue;
    const place = [
      'entrypoint' in problem ? `entry point "${problem.entrypoint}"` : '',
      'fileName' in problem ? problem.fileName : '',
      'typesFileName' in problem ? `${problem.typesFileName} for ${problem.implementationFileName}` : '',
      'moduleSpecifier' in problem ? `importing "${problem.moduleSpecifier}"` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const key = `${problem.kind} ${place}`;
    const entry = found.get(key) ?? { kind: problem.kind, place, resolutions: [] };
    if (resolution !== undefined) entry.resolutions.push(resolution);
    found.set(key, entry);
  }
  return [...found.values()].map(({ kind, place, resolutions }) => {
    const info = problemKindInfo[kind];
    const how = resolutions.length > 0 ? ` (${resolutions.join(', ')})` : '';
    return `attw: ${kind} (${info.title}), ${place}${how}: ${info.description}`;
  });
}

/**
 * What publint (strict) and attw (ESM-only profile, `attwProblems`) find wrong with a built package, both reading the
 * one tarball `pnpm pack` makes of it, as publishing would (left to themselves, each packs the package again: attw with
 * npm, about four CPU-seconds of the check).
 */
export async function packageProblems(packageDir: string): Promise<string[]> {
  const packed = mkdtempSync(join(tmpdir(), 'modelspecs-pack-'));
  try {
    await run('pnpm', ['pack', '--pack-destination', packed], { cwd: packageDir });
    const tarballs = readdirSync(packed).filter((name) => name.endsWith('.tgz'));
    if (tarballs.length !== 1) return [`pnpm pack wrote ${tarballs.length} tarballs to ${packed}, not one`];
    const tarball = join(packed, tarballs[0]!);
    const bytes = readFileSync(tarball);
    // Given the tarball, publint reads the package from it (its folder `package/`), not from packageDir.
    const { messages, pkg } = await publint({
      strict: true,
      pack: {
        tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      },
    });
    const problems = messages.map((message) => `publint: ${formatMessage(message, pkg) ?? message.code}`);
    return [...problems, ...(await attwProblems(new Uint8Array(bytes)))];
  } finally {
    rmSync(packed, { recursive: true, force: true });
  }
}

/** A TypeScript module to compile inside a package, named for messages. */
export interface TypeScriptSample {
  name: string;
  code: string;
}

/**
 * Type-checks each sample as a module inside the package, where it imports the package by its own name (resolved
 * through its `exports` to the built declarations, as a user's code would). Returns the diagnostics, each named
 * `<sample name>, line l:c: message`.
 */
export function samplesProblems(packageDir: string, samples: readonly TypeScriptSample[]): string[] {
  // Loaded here, with require: most suites that import testkit never compile a sample, and an ES import of
  // TypeScript's CommonJS bundle costs every one of them its load and a scan of its 9 MB for names.
  const ts: typeof TypeScript = require('typescript');
  const files = new Map(samples.map((sample, i) => [join(packageDir, `sample-${i + 1}.ts`), sample]));
  const options: TypeScript.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name)?.code ?? readFile.call(host, name);
  host.getSourceFile = (name, version, ...rest) =>
    files.has(name)
      ? ts.createSourceFile(name, files.get(name)!.code, version, true)
      : getSourceFile.call(host, name, version, ...rest);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return text;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const name = files.get(diagnostic.file.fileName)?.name ?? diagnostic.file.fileName;
    return `${name}, line ${line + 1}:${character + 1}: ${text}`;
  });
}

/** Every ```ts block of the package's README.md, as samples named `README.md ts block <n>`. */
export function readmeSamples(packageDir: string): TypeScriptSample[] {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match, i) => ({
    name: `${README_BLOCK} ${i + 1}`,
    code: match[1]!,
  }));
}

const README_BLOCK = 'README.md ts block';

/** Type-checks every ```ts block of the package's README.md as a module inside the package (`samplesProblems`). */
export function readmeProblems(packageDir: string): string[] {
  const samples = readmeSamples(packageDir);
  if (samples.length === 0) return ['README.md has no ```ts example'];
  return samplesProblems(packageDir, samples);
}

/** The TypeScript `x-codeSamples` of a spec (the ones its reference page shows), named by operation. */
export function specTypeScriptSamples(doc: OpenApiDocument): TypeScriptSample[] {
  return listOperations(doc).flatMap(({ method, path, operation }) => {
    const samples: unknown[] = Array.isArray(operation['x-codeSamples']) ? operation['x-codeSamples'] : [];
    return samples.flatMap((sample) => {
      const { lang, source } = (sample ?? {}) as { lang?: unknown; source?: unknown };
      if (typeof lang !== 'string' || !/^(typescript|ts)$/i.test(lang) || typeof source !== 'string')
        return [];
      return [
        {
          name: `x-codeSamples of ${operation.operationId ?? `${method.toUpperCase()} ${path}`}`,
          code: source,
        },
      ];
    });
  });
}

/** A call of the client with a literal path: `.GET('/models'`. */
const CLIENT_CALL = /\.(GET|POST|PUT|PATCH|DELETE)\(\s*'(\/[^']*)'/;

/**
 * Registers the suites of a vendor client package: its README examples and the spec's TypeScript samples compiled
 * against it, and every operation of its spec sent through the real client to the real mock, answered 2xx with a key
 * and 401 without one. Its published shape (publint, attw) is checked by `pnpm check:packages`.
 */
export async function describeClientPackage(suite: ClientPackageSuite): Promise<void> {
  const vendor = getVendor(suite.slug);
  const doc = await bundleSpec(vendor.specFile);
  const schemas = new DocumentSchemas(doc);
  const operations = listOperations(doc).map((entry) => ({
    name: `${entry.method.toUpperCase()} ${entry.path} (${entry.operation.operationId})`,
    request: exampleRequest(doc, entry),
    unauthorized: unauthorizedSchema(doc, entry),
  }));
  const { unwrap, ApiError } = suite.module;

  describe(`${vendor.clientPackage} as published`, () => {
    // publint and attw on the packed package: `pnpm check:packages` (scripts/check-packages.mjs), in `pnpm check`.
    it("re-exports the runtime's error classes", () => {
      for (const ErrorClass of [ApiError, suite.module.ResponseTooLargeError]) {
        expect(ErrorClass.prototype).toBeInstanceOf(Error);
      }
    });

    // The README's examples and the spec's samples (with a copy broken on purpose) are type-checked in one program:
    // one TypeScript program costs seconds of CPU, most of it reading the same library and package declarations.
    const samples = specTypeScriptSamples(doc);
    const target = samples.find((sample) => CLIENT_CALL.test(sample.code));
    const broken = target && {
      name: 'a copy calling /no-such-path',
      code: target.code.replace(CLIENT_CALL, (_, method) => `.${method}('/no-such-path'`),
    };
    let checked: string[] | undefined;
    const problemsOf = (prefix: string) => {
      checked ??= samplesProblems(suite.packageDir, [
        ...readmeSamples(suite.packageDir),
        ...samples,
        ...(broken ? [broken] : []),
      ]);
      return checked.filter((problem) => problem.startsWith(prefix));
    };

    it('has a README whose TypeScript examples compile', { timeout: 300_000 }, () => {
      expect(readmeSamples(suite.packageDir).length, 'README.md has no ```ts example').toBeGreaterThan(0);
      expect(problemsOf(`${README_BLOCK} `)).toEqual([]);
    });

    // Generated code in sync with the spec is checked once, by `pnpm check` (`modelspecs-spec generate --check`).
    it("compiles the spec's TypeScript samples, and reports a copy that calls a path the spec lacks", {
      timeout: 300_000,
    }, () => {
      expect(target, 'a TypeScript sample that calls the client with a path').toBeDefined();
      expect(problemsOf(`${broken!.name}, `).length).toBeGreaterThan(0);
      expect(problemsOf('x-codeSamples of ')).toEqual([]);
      // Every problem belongs to one of the three groups: none goes unnoticed under another name.
      expect(problemsOf('')).toHaveLength(
        problemsOf(`${README_BLOCK} `).length +
          problemsOf(`${broken!.name}, `).length +
          problemsOf('x-codeSamples of ').length,
      );
    });
  });

  describe(`${vendor.clientPackage} against the ${vendor.slug} mock`, () => {
    let baseUrl: string;
    let stop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      const mocks = await suite.startMocks({ vendors: [vendor.slug] });
      stop = () => mocks.stop();
      baseUrl = mocks.urls[vendor.slug]!;
    });
    afterAll(async () => {
      await stop?.();
    });

    // The spec's own example request: its path, query and header parameters and its JSON body.
    const send = (client: unknown, request: (typeof operations)[number]['request']) =>
      (client as AnyClient).request(request.method.toLowerCase(), request.path, {
        params: { path: request.pathParams, query: request.query, header: request.headers },
        ...(request.body === undefined ? {} : { body: request.body }),
      });

    describe.each(operations)('$name', ({ request, unauthorized }) => {
      it('answers 2xx to the client with a key', async () => {
        const client = suite.createClient({ apiKey: 'mock-key', baseUrl });
        const result = await send(client, request);
        expect(result.error).toBeUndefined();
        expect(result.response.status).toBeGreaterThanOrEqual(200);
        expect(result.response.status).toBeLessThan(300);
      });

      it('answers 401 to the client without one, in an envelope ApiError reads', async () => {
        const client = suite.createClient({ unauthenticated: true, baseUrl, maxRetries: 0 });
        const error = await unwrap(send(client, request)).then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(error).toBeInstanceOf(ApiError);
        const { status, body } = error as InstanceType<ClientModule['ApiError']>;
        expect(status).toBe(401);
        // The body ApiError kept is the vendor's documented 401 envelope.
        if (unauthorized) expect(describeErrors(schemas.validate(unauthorized, body))).toEqual([]);
      });
    });
  });
}

export { chromiumMissing, chromiumPath, launchChromium } from './chromium.js';
export {
  eventually,
  fixturePackage,
  isRunning,
  mockChildren,
  type NodeRun,
  removeTempFolders,
  runNode,
  tempFolder,
} from './processes.js';
export { type SharedMocks, sharedMocks, vendorsUnderTest } from './vendor-suite.js';
