import {
  bundleSpec,
  CATALOG_DIMENSIONS,
  discoverVendors,
  type OpenApiDocument,
} from '@modelspecs/spec-tools';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleRows } from '../src/compare.js';
import { modelDimensions } from '../src/model-fields.js';
import { renderPortal } from '../src/portal.js';
import { summarizeVendor } from '../src/vendor-summary.js';
import { repoRoot } from './helpers.js';

const vendors = discoverVendors(repoRoot);
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

describe('the portal of the repository specs', () => {
  it('has a card and a model-table row per vendor, in discovery order', () => {
    const summaries = vendors.map((v) => summarizeVendor(docs.get(v.slug)!, v));
    const html = renderPortal(summaries);
    const cards = [...html.matchAll(/<article class="card" id="vendor-([^"]+)"/g)].map((m) => m[1]);
    const rows = [...html.matchAll(/<tr data-vendor="([^"]+)"/g)].map((m) => m[1]);
    expect(cards).toEqual(vendors.map((v) => v.slug));
    expect(rows).toEqual(vendors.map((v) => v.slug));
    for (const summary of summaries) {
      expect(summary.discrepancies.length, `${summary.slug} x-doc-discrepancies`).toBe(
        (docs.get(summary.slug)!['x-doc-discrepancies'] as unknown[]).length,
      );
    }
  });
});
