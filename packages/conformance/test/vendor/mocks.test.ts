// The checker against the vendor's own Prism mock (run by its spec package's `test:vendor` task; see
// vitest.vendor.config.ts). The mock is the one the per-vendor suites share, started by vitest.vendor.setup.ts.
import { listOperations } from '@modelspecs/spec-tools';
import { sharedMocks, vendorsUnderTest } from '@modelspecs/testkit';
import { describe, expect, it } from 'vitest';
import { checkTarget, chooseAlternative, parseBaseUrl, planOperations } from '../../src/index.js';
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

// What the package README says the checker does with particular real vendors, for those of them under test. The
// behaviour behind each example is tested on fixture vendors of the same shape by the package's own suites; these hold
// the README's examples to the real specs and their mocks.
const underTest = new Set(vendors.map((v) => v.slug));

/** The README's bound examples: the operation, the invalid value the plan sends, and the rule it breaks. */
const BOUNDS = [
  {
    slug: 'tensorone',
    operationId: 'listTrainingModels',
    value: { in: 'query', name: 'limit', value: '101', rule: 'above maximum 100' },
  },
  {
    slug: 'quantized',
    operationId: 'listModels',
    value: {
      in: 'header',
      name: 'X-Quantized-Provider',
      value: 'modelspecs-not-in-enum',
      rule: 'not one of "openrouter", "anthropic"',
    },
  },
].filter((example) => underTest.has(example.slug));

describe.each(BOUNDS)('$slug: $value.name=$value.value', ({ slug, operationId, value }) => {
  it('is one of the values the plan sends, and the mock answers it with a 4xx', async () => {
    const { vendor, doc } = await specOf(slug, repoRoot);
    const plan = planOperations(doc, { baseUrl: parseBaseUrl(mocks.urls[slug]!) });
    expect(plan.find((p) => p.operationId === operationId)?.negativeCases).toContainEqual(value);
    const report = await checkTarget({ doc, vendor, baseUrl: mocks.urls[slug]!, target: 'mock' });
    expect(
      report.results.find((r) => r.operationId === operationId && r.check === 'negative_data_rejection'),
    ).toMatchObject({ status: 'pass' });
  });
});

describe.each(['majestix'].filter((slug) => underTest.has(slug)))('%s', (slug) => {
  it('is sent the X-Api-Key alternative, not the Firebase token pair', async () => {
    const { doc } = await specOf(slug, repoRoot);
    for (const entry of listOperations(doc)) {
      expect(chooseAlternative(doc, entry), entry.operation.operationId).toEqual(['apiKeyAuth']);
    }
  });
});
