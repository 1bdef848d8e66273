// The checker against the vendor's own Prism mock (run by its spec package's `test:vendor` task; see
// vitest.vendor.config.ts). The mock is the one the per-vendor suites share, started by vitest.vendor.setup.ts.
import { sharedMocks, vendorsUnderTest } from '@modelspecs/testkit';
import { describe, expect, it } from 'vitest';
import { checkTarget } from '../../src/index.js';
import { MOCK_SKIPS } from '../support/skips.js';
import { repoRoot, specOf } from '../support/specs.js';

const vendors = vendorsUnderTest(repoRoot);

const STATEFUL = ['error_envelope_conformance', 'list_get_consistency'];

const mocks = sharedMocks();

describe('the checker against our Prism mocks', () => {
  it.each(vendors.map((v) => v.slug))(
    '%s: every check that applies passes, every skip says why',
    async (slug) => {
      const { vendor, doc } = await specOf(slug, repoRoot);
      const report = await checkTarget({ doc, vendor, baseUrl: mocks.urls[slug]!, target: 'auto' });
      expect(report.target).toMatchObject({
        kind: 'mock',
        decidedBy: "Prism's sl-violations header on a request without credentials",
      });
      expect(report.results.filter((r) => r.status === 'fail')).toEqual([]);
      expect(report.summary.passed).toBeGreaterThan(0);
      for (const result of report.results) {
        if (result.status === 'skipped')
          expect(MOCK_SKIPS, `${result.operationId} ${result.check}`).toContain(result.reason);
        // The wrong-key half of ignored_auth is not tried against a mock, and the pass says so.
        if (result.check === 'ignored_auth') {
          expect(result).toMatchObject({ status: 'pass', reason: expect.stringContaining('stateless mock') });
        }
      }
      // Where a stateful check would apply (an id in the path), the skip names the mock.
      for (const result of report.results.filter((r) => STATEFUL.includes(r.check) && r.path.includes('{'))) {
        if (result.check === 'list_get_consistency' && result.reason?.startsWith('not a fetch')) continue;
        expect(result).toMatchObject({
          status: 'skipped',
          reason: expect.stringContaining('stateless mock'),
        });
      }
    },
  );
});
