// Every vendor spec of the repo, whatever vendors exist: each must bundle, validate as OpenAPI 3.1, have every
// example match its schema, and document a 2xx and an error answer on every operation.
import { describe, expect, it } from 'vitest';
import { checkConventions, checkExamples, checkResponses, schemaValidate } from '../src/checks.js';
import { bundleSpec } from '../src/load.js';
import { listOperations } from '../src/openapi.js';
import { SourceLocator } from '../src/source-locator.js';
import { discoverVendors } from '../src/vendors.js';
import { repoRoot } from './helpers.js';

const vendors = discoverVendors(repoRoot);

describe('the repo', () => {
  it('has vendor specs to check', () => {
    expect(vendors.length).toBeGreaterThan(0);
  });
});

describe.each(vendors.map((v) => [v.slug, v] as const))('specs/%s/openapi.yaml', (_slug, vendor) => {
  it('validates as OpenAPI 3.1 and every example matches its schema', async () => {
    const doc = await bundleSpec(vendor.specFile, repoRoot);
    const locator = new SourceLocator(vendor.specFile, repoRoot);
    expect((await schemaValidate(doc)).problems).toEqual([]);
    const examples = checkExamples(doc, locator);
    expect(examples.problems).toEqual([]);
    // At least one example per operation's success answer.
    expect(examples.checked).toBeGreaterThanOrEqual(listOperations(doc).length);
    expect(checkResponses(doc, locator).problems).toEqual([]);
    expect(checkConventions(doc, locator).problems).toEqual([]);
  });
});
