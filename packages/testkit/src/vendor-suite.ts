// The per-vendor suites of the tools (`packages/<tool>/test/vendor/*.test.ts`) check one vendor at a time: each spec
// package's `test:vendor` task runs them for its own vendor (vitest.vendor.config.ts provides the slug), so a change
// to one spec reruns that vendor's checks and no other's.
import { findRepoRoot, selectVendors, type Vendor } from '@modelspecs/spec-tools';
import { inject } from 'vitest';

/**
 * The example mocks the per-vendor suites share, started once per run by vitest.vendor.setup.ts: a copy, so a suite
 * can send requests to them but not stop them. `Mock` is the mock package's `RunningMock` (testkit cannot import it:
 * the mock's own tests import testkit).
 */
export interface SharedMocks<Mock extends { slug: string } = { slug: string }> {
  /** Base URL of each mock by slug, base path included. */
  urls: Record<string, string>;
  mocks: Mock[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The slug of the vendor whose spec package runs the per-vendor suites; absent when they run for every vendor. */
    vendor?: string;
    /** The example mocks of the vendors under test (see SharedMocks). */
    mocks?: SharedMocks;
  }
}

/** The vendors a per-vendor suite checks: the one whose spec package runs it, or every vendor of the checkout. */
export function vendorsUnderTest(root: string = findRepoRoot()): Vendor[] {
  const vendors = selectVendors(inject('vendor'), root);
  if (vendors.length === 0) throw new Error(`no vendor under specs/ in ${root}`);
  return vendors;
}

/** The example mocks the per-vendor suites share; a clear error when the suite runs without the setup that starts them. */
export function sharedMocks<Mock extends { slug: string } = { slug: string }>(): SharedMocks<Mock> {
  const mocks = inject('mocks');
  if (!mocks) {
    throw new Error(
      'No shared mocks: run the per-vendor suites with vitest.vendor.config.ts, whose global setup starts them',
    );
  }
  return mocks as SharedMocks<Mock>;
}
