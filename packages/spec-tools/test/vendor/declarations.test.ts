// The vendor's declarations (`x-modelspecs-list`, `x-modelspecs-error`, paging) as the readers return them, each
// expected from the declaration as the spec writes it (run by its spec package's `test:vendor` task; see
// vitest.vendor.config.ts). How the readers treat every form of a declaration is tested on fixtures
// (test/declarations.test.ts, test/paging.test.ts, test/catalog-rules.test.ts).
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  errorEnvelope,
  listDeclarations,
  listItemSchemas,
  rawErrorDeclarations,
  rawListDeclarations,
} from '../../src/declarations.js';
import { catalogDeclaration } from '../../src/extensions/catalog-declaration.js';
import { pagingDeclaration } from '../../src/extensions/paging-declaration.js';
import { extensionViolations } from '../../src/extensions/validate.js';
import { bundleSpec } from '../../src/load.js';
import type { OpenApiDocument } from '../../src/openapi.js';
import { pagingProblems } from '../../src/rules/paging.js';
import { selectVendors } from '../../src/vendors.js';
import { repoRoot } from '../helpers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    vendor?: string;
  }
}

// testkit's vendorsUnderTest, which spec-tools cannot import (testkit depends on spec-tools).
const vendors = selectVendors(inject('vendor'), repoRoot);
const docs = new Map<string, OpenApiDocument>();
beforeAll(async () => {
  for (const vendor of vendors) docs.set(vendor.slug, await bundleSpec(vendor.specFile, repoRoot));
});

type Written = {
  items: string | string[];
  id: string | string[];
  get?: { operationId: string; parameter: string };
};
type WrittenPaging = { hasMore?: string | string[]; total?: string | string[]; next?: string | string[] };
const asList = (value: string | string[] | undefined): string[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

describe.each(vendors.map((v) => v.slug))('the declarations of %s', (slug) => {
  it("match the extensions' JSON Schema, and the spec declares its catalog", () => {
    const doc = docs.get(slug)!;
    const written = rawListDeclarations(doc);
    expect(written.length, `specs/${slug}/openapi.yaml declares x-modelspecs-list`).toBeGreaterThan(0);
    for (const { pointer, value } of written)
      expect(extensionViolations('x-modelspecs-list', value), pointer).toEqual([]);
    for (const { pointer, value } of rawErrorDeclarations(doc))
      expect(extensionViolations('x-modelspecs-error', value), pointer).toEqual([]);
    expect(catalogDeclaration(doc)).toBeDefined();
  });

  it('read each list -> get relation as written: pointers as lists, the get resolved to its path parameter', () => {
    const doc = docs.get(slug)!;
    const lists = listDeclarations(doc);
    const written = rawListDeclarations(doc);
    expect(lists.map((l) => l.operation.pointer)).toEqual(written.map((w) => w.operation.pointer));
    lists.forEach((list, i) => {
      const declared = written[i]!.value as Written;
      expect(list.items).toEqual(asList(declared.items));
      expect(list.id).toEqual(asList(declared.id));
      if (declared.get) {
        expect(list.get?.operation.operation.operationId).toBe(declared.get.operationId);
        expect(list.get?.parameter).toBe(declared.get.parameter);
        expect(list.get?.operation.path).toContain(`{${declared.get.parameter}}`);
      } else {
        expect(list.get).toBeUndefined();
      }
      expect(listItemSchemas(doc, list).length, `${written[i]!.pointer}: the item schema`).toBeGreaterThan(0);
    });
  });

  it('read its error envelope as written', () => {
    const doc = docs.get(slug)!;
    const written = rawErrorDeclarations(doc);
    expect(written.length).toBeLessThanOrEqual(1);
    const declared = written[0]?.value as
      | { message: string | string[]; code?: string | string[] }
      | undefined;
    expect(errorEnvelope(doc)).toEqual(
      declared && {
        schema: written[0]!.schema,
        message: asList(declared.message),
        code: asList(declared.code) ?? [],
      },
    );
  });

  it('read its paging as written, with nothing for lint to find', () => {
    const doc = docs.get(slug)!;
    const written = rawListDeclarations(doc).filter((w) => (w.value as { paging?: unknown }).paging);
    const paged = pagingDeclaration(doc);
    expect(paged.map((p) => p.operation.pointer)).toEqual(written.map((w) => w.operation.pointer));
    paged.forEach(({ paging }, i) => {
      const declared = (written[i]!.value as { paging: WrittenPaging }).paging;
      for (const key of ['hasMore', 'total', 'next'] as const)
        expect(paging[key], `${written[i]!.pointer}/paging/${key}`).toEqual(asList(declared[key]));
    });
    expect(pagingProblems(doc)).toEqual([]);
  });
});
