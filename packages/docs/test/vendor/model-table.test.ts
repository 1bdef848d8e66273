// The vendor's reference: its model table and its models in the comparison (run by its spec package's `test:vendor`
// task; see vitest.vendor.config.ts).
import { bundleSpec, CATALOG_DIMENSIONS, type OpenApiDocument } from '@modelspecs/spec-tools';
import { vendorsUnderTest } from '@modelspecs/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleRows } from '../../src/compare.js';
import { modelDimensions } from '../../src/model-fields.js';
import { repoRoot } from '../helpers.js';

const vendors = vendorsUnderTest(repoRoot);
const docs = new Map<string, OpenApiDocument>();

beforeAll(async () => {
  for (const vendor of vendors) docs.set(vendor.slug, await bundleSpec(vendor.specFile, repoRoot));
});

describe.each(vendors.map((v) => v.slug))('the model table for %s', (slug) => {
  it('shows every catalog dimension: a declared field, or the reason it is absent', () => {
    const dims = modelDimensions(docs.get(slug)!);
    expect(dims.operation, `specs/${slug}/openapi.yaml declares x-modelspecs-list.catalog`).toBeDefined();
    for (const dimension of CATALOG_DIMENSIONS) {
      const declared = dims.dimensions[dimension];
      expect(declared, `${slug} ${dimension}`).toBeDefined();
      if (declared && 'fields' in declared) expect(declared.fields.length).toBeGreaterThan(0);
      else expect((declared as { absent: string }).absent.length).toBeGreaterThan(0);
    }
  });

  it('compares the models of its list example', () => {
    const rows = exampleRows(docs.get(slug)!, slug);
    expect(rows.length, `${slug}: the list example normalizes to rows`).toBeGreaterThan(0);
    for (const row of rows) expect(row.problems, `${slug} ${row.id.value}`).toEqual([]);
  });
});
