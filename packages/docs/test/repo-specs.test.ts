// The portal of every vendor of the checkout (each vendor's own model table: test/vendor/model-table.test.ts).
import { bundleSpec, discoverVendors, listOperations, type OpenApiDocument } from '@modelspecs/spec-tools';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPortal } from '../src/portal.js';
import { summarizeVendor } from '../src/vendor-summary.js';
import { repoRoot } from './helpers.js';

const vendors = discoverVendors(repoRoot);
const docs = new Map<string, OpenApiDocument>();

beforeAll(async () => {
  for (const vendor of vendors) docs.set(vendor.slug, await bundleSpec(vendor.specFile, repoRoot));
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

// The tools' per-vendor suites (test/vendor/) check one vendor at a time; what they need of the set of specs, so that
// they do not pass for want of anything to check, is checked here, where the specs are read together anyway.
describe('the repository specs, as the per-vendor suites of the mock need them', () => {
  it('include one that declares OpenAI SDK compatibility (the mock is driven with the OpenAI SDK for it)', () => {
    expect(vendors.filter((v) => docs.get(v.slug)!.info['x-openai-compatible'] === true)).not.toEqual([]);
  });

  it('include operations with a request body (the mock is sent invalid bodies for them)', () => {
    const withBody = vendors.filter((v) =>
      listOperations(docs.get(v.slug)!).some((entry) => entry.operation.requestBody),
    );
    expect(withBody).not.toEqual([]);
  });
});
