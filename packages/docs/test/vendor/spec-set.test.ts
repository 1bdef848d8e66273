// What the mock's per-vendor suites need of the set of specs, so that they do not pass for want of anything to check.
// A property of the set, not of one vendor: it reads every spec whichever vendor is under test. It can only be broken
// by a change to some spec, which reruns that spec package's `test:vendor` task and so this file, or by removing a
// vendor, which changes every spec package's `test:vendor` inputs (specs/*/package.json); either way a task reruns it.
import { bundleSpec, discoverVendors, listOperations, type OpenApiDocument } from '@modelspecs/spec-tools';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';

const vendors = discoverVendors(repoRoot);
const docs = new Map<string, OpenApiDocument>();

beforeAll(async () => {
  for (const vendor of vendors) docs.set(vendor.slug, await bundleSpec(vendor.specFile, repoRoot));
});

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
