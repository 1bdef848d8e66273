import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleSpec, type OpenApiDocument, pagingDeclaration, SpecError } from '../src/index.js';
import { pagingProblems } from '../src/rules/paging.js';
import { fixtures, repoRoot } from './helpers.js';

// The fixture declares one of its lists paged (offset paging, as TensorOne's); each test breaks one part of a copy
// of it. Each vendor's own paging is read in its per-vendor suite (test/vendor/declarations.test.ts).
const doc = await bundleSpec(join(fixtures, 'relations.yaml'), repoRoot);
const paged = (change: (paging: Record<string, unknown>) => void) => {
  const copy = structuredClone(doc) as OpenApiDocument;
  const list = (copy.paths!['/training/models']!.get as Record<string, { paging: Record<string, unknown> }>)[
    'x-modelspecs-list'
  ]!;
  change(list.paging);
  return copy;
};

describe('paging declarations', () => {
  it('reads an offset declaration, pointers as lists, and finds nothing wrong with it', () => {
    const [declaration] = pagingDeclaration(doc);
    expect(declaration!.operation.path).toBe('/training/models');
    expect(declaration!.items).toEqual(['/models']);
    expect(declaration!.paging).toEqual({
      style: 'offset',
      limit: 'limit',
      offset: 'offset',
      hasMore: ['/pagination/hasMore'],
      total: ['/pagination/total', '/total'],
    });
    expect(pagingProblems(doc)).toEqual([]);
  });

  it('refuses a shape the schema does not allow', () => {
    expect(() => pagingDeclaration(paged((p) => delete p.hasMore && delete p.total))).toThrow(SpecError);
    expect(() => pagingDeclaration(paged((p) => (p.style = 'pages')))).toThrow(SpecError);
    expect(() => pagingDeclaration(paged((p) => (p.total = 'total')))).toThrow(SpecError);
  });

  it('lint names a parameter the operation lacks and a pointer that reaches the wrong type', () => {
    const problems = pagingProblems(
      paged((p) => {
        p.limit = 'pageSize';
        p.hasMore = '/pagination/total';
        p.total = ['/models'];
      }),
    ).map(({ pointer, message }) => `${pointer}: ${message}`);
    expect(problems).toEqual([
      expect.stringContaining('/paging/limit: "pageSize" is not a query parameter of GET /training/models'),
      expect.stringContaining('/paging/hasMore: "/pagination/total" does not reach a boolean property'),
      expect.stringContaining('/paging/total: "/models" does not reach a integer or number property'),
    ]);
  });
});
