// The vendors under test (see vitest.vendor.config.ts), each with its bundled spec and the facts its generated client
// package carries (`vendorFacts`, what `modelspecs-spec generate` writes).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSpec, type OpenApiDocument, type Vendor, vendorFacts } from '@modelspecs/spec-tools';
import { vendorsUnderTest } from '@modelspecs/testkit';
import type { VendorFacts } from '../../src/index.js';

export interface SpecVendor {
  vendor: Vendor;
  doc: OpenApiDocument;
  facts: VendorFacts;
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

export const specVendors: SpecVendor[] = await Promise.all(
  vendorsUnderTest(repoRoot).map(async (vendor) => {
    const doc = await bundleSpec(vendor.specFile);
    const facts = vendorFacts(doc, vendor, '0.0.0');
    return { vendor, doc, facts: facts as VendorFacts };
  }),
);
