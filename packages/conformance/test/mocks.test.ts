import { type RunningMocks, startMocks } from '@modelspecs/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTarget, runConformance } from '../src/index.js';
import { MOCK_SKIPS } from './support/skips.js';
import { repoRoot, specOf, vendors } from './support/specs.js';

const STATEFUL = ['error_envelope_conformance', 'list_get_consistency'];

let mocks: RunningMocks;
beforeAll(async () => {
  mocks = await startMocks({ vendors: vendors.map((v) => v.slug), root: repoRoot });
});
afterAll(async () => {
  await mocks?.stop();
});

describe('the checker against our Prism mocks', () => {
  it.each(vendors.map((v) => v.slug))(
    '%s: every check that applies passes, every skip says why',
    async (slug) => {
      const { vendor, doc } = await specOf(slug);
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

  it('checks the bounds Prism enforces (tensorone limit=101 gets a 4xx)', async () => {
    const { vendor, doc } = await specOf('tensorone');
    const report = await checkTarget({ doc, vendor, baseUrl: mocks.urls.tensorone!, target: 'mock' });
    const negative = report.results.find(
      (r) => r.operationId === 'listTrainingModels' && r.check === 'negative_data_rejection',
    );
    expect(negative).toEqual({
      operationId: 'listTrainingModels',
      method: 'GET',
      path: '/training/models',
      check: 'negative_data_rejection',
      status: 'pass',
    });
  });

  it('starts and stops the mock itself when no base URL is given', async () => {
    const report = await runConformance({ vendors: 'majestix', root: repoRoot });
    expect(report.ok).toBe(true);
    expect(report.vendors[0]!.target).toMatchObject({ kind: 'mock', decidedBy: 'started by the checker' });
    const url = report.vendors[0]!.target.baseUrl;
    // Nothing listens there any more: fetch fails with the refused connection as its cause.
    await expect(fetch(`${url}/models`)).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: { code: 'ECONNREFUSED' },
    });
  });
});
