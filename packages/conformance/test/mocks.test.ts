// The checker against our Prism mocks of fixture vendors that have what these cases need (every real vendor's run
// against its own mock: test/vendor/mocks.test.ts).
import { type RunningMocks, startMocks } from '@modelspecs/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTarget, runConformance } from '../src/index.js';
import { fixtureRoot, specOf } from './support/specs.js';

let mocks: RunningMocks;
beforeAll(async () => {
  mocks = await startMocks({ vendors: ['trainer'], root: fixtureRoot });
});
afterAll(async () => {
  await mocks?.stop();
});

describe('the checker against our Prism mocks', () => {
  it('checks the bounds Prism enforces (trainer limit=101 gets a 4xx)', async () => {
    const { vendor, doc } = await specOf('trainer');
    const report = await checkTarget({ doc, vendor, baseUrl: mocks.urls.trainer!, target: 'mock' });
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
    const report = await runConformance({ vendors: 'keyring', root: fixtureRoot });
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
