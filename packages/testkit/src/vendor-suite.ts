// The per-vendor suites of the tools (`packages/<tool>/test/vendor/*.test.ts`) check one vendor at a time: each spec
// package's `test:vendor` task runs them for its own vendor (vitest.vendor.config.ts provides the slug), so a change
// to one spec reruns that vendor's checks and no other's.
import { findRepoRoot, selectVendors, type Vendor } from '@modelspecs/spec-tools';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The slug of the vendor whose spec package runs the per-vendor suites; absent when they run for every vendor. */
    vendor?: string;
  }
}

/** The vendors a per-vendor suite checks: the one whose spec package runs it, or every vendor of the checkout. */
export function vendorsUnderTest(root: string = findRepoRoot()): Vendor[] {
  const vendors = selectVendors(inject('vendor'), root);
  if (vendors.length === 0) throw new Error(`no vendor under specs/ in ${root}`);
  return vendors;
}
