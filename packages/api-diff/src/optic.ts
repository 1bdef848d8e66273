import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import { SpecError, toPointer } from '@modelspecs/spec-tools';

// Optic's packages are CommonJS; its libraries run in this process, so no CLI (and none of its telemetry,
// update check or network code) is involved. They are loaded on the first comparison (about 0.7 CPU-seconds), not
// when the package is imported: `--help`, usage errors and commands that compare nothing do not pay for them.
const require = createRequire(import.meta.url);
let libraries:
  | {
      dereferenceOpenApi: typeof import('@useoptic/openapi-io').dereferenceOpenApi;
      compareSpecs: typeof import('@useoptic/openapi-utilities').compareSpecs;
      RuleRunner: typeof import('@useoptic/rulesets-base').RuleRunner;
      BreakingChangesRuleset: typeof import('@useoptic/standard-rulesets').BreakingChangesRuleset;
    }
  | undefined;
function optic(): NonNullable<typeof libraries> {
  libraries ??= {
    dereferenceOpenApi: (require('@useoptic/openapi-io') as typeof import('@useoptic/openapi-io'))
      .dereferenceOpenApi,
    compareSpecs: (require('@useoptic/openapi-utilities') as typeof import('@useoptic/openapi-utilities'))
      .compareSpecs,
    RuleRunner: (require('@useoptic/rulesets-base') as typeof import('@useoptic/rulesets-base')).RuleRunner,
    // Its breaking-changes ruleset alone: the package's entry point also loads its other rulesets (Spectral's, the
    // naming, documentation and examples ones), about 70 more modules and 0.3 CPU-seconds. The version is pinned
    // (package.json), so the file is where this version keeps it.
    BreakingChangesRuleset: (
      require('@useoptic/standard-rulesets/build/breaking-changes/index.js') as typeof import('@useoptic/standard-rulesets')
    ).BreakingChangesRuleset,
  };
  return libraries;
}

export type JsonDocument = Record<string, unknown>;

/** What Optic reports for one pair: the raw diffs and the failed rules of its breaking-changes ruleset. */
export interface OpticResult {
  readonly diffs: readonly { before?: string; after?: string }[];
  readonly failures: readonly {
    where: string;
    error: string;
    name: string;
    jsonPath: string;
    spec: string;
  }[];
  /** Both documents with every internal `$ref` inlined, as Optic compared them. */
  readonly from: JsonDocument;
  readonly to: JsonDocument;
}

/** Every `$ref` must stay inside the document: a spec never makes a tool read another file or the network. */
export function assertInternalRefs(doc: unknown, name: string, at: string[] = []): void {
  if (doc !== null && typeof doc === 'object') {
    for (const [key, value] of Object.entries(doc)) {
      const here = [...at, key];
      if (key === '$ref' && (typeof value !== 'string' || !value.startsWith('#'))) {
        throw new SpecError(
          `${name}: ${toPointer(here)} points outside the document (${JSON.stringify(value)}); classify the bundled spec, whose references are all internal`,
        );
      }
      assertInternalRefs(value, name, here);
    }
  }
}

const EMPTY: JsonDocument = { openapi: '3.1.0', info: { title: 'empty', version: '0.0.0' }, paths: {} };

async function dereference(doc: JsonDocument, name: string) {
  assertInternalRefs(doc, name);
  const text = JSON.stringify(doc);
  const file = `/modelspecs-api-diff/${name.replace(/[^\w.-]/g, '_')}.json`;
  // The one file the parser may read is the document itself, served from memory.
  const handler = {
    order: 1,
    canRead: true,
    read: async ({ url }: { url: string }) => {
      if (url !== file)
        throw new SpecError(`${name}: refusing to read ${url}: only internal references are allowed`);
      return text;
    },
  };
  // biome-ignore lint/suspicious/noExplicitAny: Optic's handler type is json-schema-ref-parser's, not exported.
  const parsed = await optic().dereferenceOpenApi(file, { externalRefHandler: handler as any });
  return parsed;
}

/**
 * Both documents without the path items that are equal in both (after inlining, so a changed shared schema
 * changes every path that uses it). Optic's rules only judge what changed between the two, and its rule runner
 * grows with the size of the documents: on a large spec, unchanged paths are most of its time.
 */
function withoutUnchangedPaths(before: JsonDocument, after: JsonDocument): [JsonDocument, JsonDocument] {
  const pathsBefore = (before.paths ?? {}) as Record<string, unknown>;
  const pathsAfter = (after.paths ?? {}) as Record<string, unknown>;
  const changed = (path: string) => !isDeepStrictEqual(pathsBefore[path], pathsAfter[path]);
  const keep = (paths: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(paths).filter(([p]) => changed(p)));
  return [
    { ...before, paths: keep(pathsBefore) },
    { ...after, paths: keep(pathsAfter) },
  ];
}

let ruleset: Promise<InstanceType<ReturnType<typeof optic>['BreakingChangesRuleset']>> | undefined;

function breakingChanges() {
  // A major info.version change must not silence the ruleset: the gate decides what a major bump allows.
  ruleset ??= optic()
    .BreakingChangesRuleset.fromOpticConfig({ skip_when_major_version_changes: false })
    .then((r) => {
      if (typeof r === 'string') throw new Error(`Optic rejected the breaking-changes configuration: ${r}`);
      return r;
    });
  return ruleset;
}

/** Runs Optic's breaking-changes ruleset on one pair; `from` undefined means a brand-new spec. */
export async function runOptic(
  from: JsonDocument | undefined,
  to: JsonDocument,
  name: string,
): Promise<OpticResult> {
  const base = await dereference(from ?? EMPTY, `${name}.before`);
  const head = await dereference(to, `${name}.after`);
  const runner = new (optic().RuleRunner)([await breakingChanges()]);
  const [before, after] = withoutUnchangedPaths(
    base.jsonLike as unknown as JsonDocument,
    head.jsonLike as unknown as JsonDocument,
  );
  const result = await optic().compareSpecs(
    { ...base, jsonLike: before, isEmptySpec: from === undefined } as never,
    { ...head, jsonLike: after, isEmptySpec: false } as never,
    runner,
    {},
  );
  const failures = result.results
    .filter((r) => !r.passed && !r.exempted)
    .map((r) => ({
      where: r.where,
      error: r.error ?? r.name ?? 'breaking change',
      name: r.name ?? '',
      jsonPath: r.location.jsonPath,
      spec: r.location.spec,
    }));
  return {
    diffs: result.diffs,
    failures,
    from: base.jsonLike as unknown as JsonDocument,
    to: head.jsonLike as unknown as JsonDocument,
  };
}
