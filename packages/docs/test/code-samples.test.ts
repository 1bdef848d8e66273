import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundleSpec, discoverVendors, listOperations, type OpenApiDocument } from '@modelspecs/spec-tools';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';
import {
  type CodeSample,
  formatProblems,
  markdownSamples,
  specSamples,
  typecheckSamples,
} from './support/code-samples.js';

const vendors = discoverVendors(repoRoot);
const docs = new Map<string, OpenApiDocument>();

/** `@modelspecs/<slug>` and the runtime resolve to their sources, so the samples are checked without a build. */
function sourcePaths(): Record<string, string> {
  const paths: Record<string, string> = {
    '@modelspecs/client-runtime': join(repoRoot, 'packages', 'client-runtime', 'src', 'index.ts'),
  };
  for (const vendor of vendors) {
    paths[vendor.clientPackage] = join(repoRoot, 'packages', vendor.slug, 'src', 'index.ts');
  }
  return paths;
}

function readmeSamples(slug: string): CodeSample[] {
  const file = join(repoRoot, 'packages', slug, 'README.md');
  if (!existsSync(file)) return [];
  return markdownSamples(readFileSync(file, 'utf8'), slug, relative(repoRoot, file));
}

beforeAll(async () => {
  for (const vendor of vendors) docs.set(vendor.slug, await bundleSpec(vendor.specFile, repoRoot));
});

describe('x-codeSamples', () => {
  it.each(vendors.map((v) => v.slug))('every operation of %s has a curl and a TypeScript sample', (slug) => {
    const missing = listOperations(docs.get(slug)!).flatMap(({ operation, method, path }) => {
      const langs = (Array.isArray(operation['x-codeSamples']) ? operation['x-codeSamples'] : []).map(
        (s: { lang?: string }) => s.lang?.toLowerCase(),
      );
      const name = operation.operationId ?? `${method.toUpperCase()} ${path}`;
      return [
        ...(langs.includes('curl') ? [] : [`${name}: no curl sample`]),
        ...(langs.includes('typescript') ? [] : [`${name}: no TypeScript sample`]),
      ];
    });
    expect(missing, `specs/${slug}/openapi.yaml`).toEqual([]);
  });
});

describe('TypeScript samples type-check against the client packages', () => {
  it('every client package the samples import exists', () => {
    const missing = Object.values(sourcePaths())
      .filter((file) => !existsSync(file))
      .map((file) => relative(repoRoot, file));
    expect(missing, 'client sources the samples are checked against').toEqual([]);
  });

  it.each(vendors.map((v) => v.slug))('packages/%s/README.md shows at least one ```ts example', (slug) => {
    const file = join('packages', slug, 'README.md');
    expect(existsSync(join(repoRoot, file)), `${file} is missing`).toBe(true);
    expect(readmeSamples(slug).length, `${file} has no \`\`\`ts block`).toBeGreaterThan(0);
  });

  it('every spec sample and README example compiles', () => {
    const samples = vendors.flatMap((v) => [
      ...specSamples(docs.get(v.slug)!, v.slug),
      ...readmeSamples(v.slug),
    ]);
    expect(samples.length).toBeGreaterThanOrEqual(vendors.length);
    const problems = typecheckSamples(samples, { root: repoRoot, paths: sourcePaths() });
    expect(problems, `\n${formatProblems(problems)}`).toEqual([]);
  });

  it('would report a spec sample that calls a path the spec does not have', () => {
    const call = /\.(GET|POST|PUT|PATCH|DELETE)\(\s*'(\/[^']*)'/;
    const target = vendors
      .flatMap((v) => specSamples(docs.get(v.slug)!, v.slug))
      .find((sample) => call.test(sample.source));
    expect(target, 'a TypeScript sample that calls the client with a path').toBeDefined();
    const [, method, path] = call.exec(target!.source)!;
    const broken = {
      ...target!,
      source: target!.source.replace(`${method}('${path}'`, `${method}('/no-such-path'`),
    };
    const problems = typecheckSamples([broken], { root: repoRoot, paths: sourcePaths() });
    expect(problems.length, formatProblems(problems)).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ vendor: broken.vendor, origin: broken.origin });
    expect(problems.some((p) => p.code.includes("'/no-such-path'"))).toBe(true);
  });
});
