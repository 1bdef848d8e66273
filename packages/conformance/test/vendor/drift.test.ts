// The faithful drift fixture of each real vendor (run by its spec package's `test:vendor` task; see
// vitest.vendor.config.ts): every check passes on a stateful server generated from the vendor's spec, and the
// stateful checks run. The faults, on the fixture vendors: test/drift.test.ts.
import { vendorsUnderTest } from '@modelspecs/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { checkTarget } from '../../src/index.js';
import { type DriftServer, startDriftServer } from '../support/drift-server.js';
import { SERVER_SKIPS } from '../support/skips.js';
import { repoRoot, specOf } from '../support/specs.js';

const KEY = 'drift_fixture_key_5f0c2a9b7e';

const vendors = vendorsUnderTest(repoRoot);

let server: DriftServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the faithful drift baseline', () => {
  it.each(vendors.map((v) => v.slug))('%s: every check passes, and the stateful ones run', async (slug) => {
    const { vendor, doc } = await specOf(slug, repoRoot);
    server = await startDriftServer({ doc, key: KEY });
    const report = await checkTarget({ doc, vendor, baseUrl: server.baseUrl, apiKey: KEY, target: 'server' });
    expect(
      report.results.filter((r) => r.status === 'fail').map((r) => `${r.operationId}:${r.check}`),
    ).toEqual([]);
    expect(report.target).toMatchObject({ kind: 'server', loopback: true, writes: true });
    for (const result of report.results) {
      if (result.status === 'skipped') expect(SERVER_SKIPS, result.reason).toContain(result.reason);
      // Against a server, both halves of ignored_auth run: a pass carries no "not tried" note.
      if (result.check === 'ignored_auth' && result.status === 'pass') expect(result.reason).toBeUndefined();
    }
  });
});
