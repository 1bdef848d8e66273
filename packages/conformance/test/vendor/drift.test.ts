// The faithful drift fixture of each real vendor (run by its spec package's `test:vendor` task; see
// vitest.vendor.config.ts): every check passes on a stateful server generated from the vendor's spec, and the
// stateful checks run. The faults, on the fixture vendors: test/drift.test.ts.
import { vendorsUnderTest } from '@modelspecs/testkit';
import { afterEach, describe, it } from 'vitest';
import { checkTarget } from '../../src/index.js';
import { type DriftServer, startDriftServer } from '../support/drift-server.js';
import { expectFaithful, DRIFT_KEY as KEY } from '../support/faithful.js';
import { repoRoot, specOf } from '../support/specs.js';

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
    expectFaithful(
      await checkTarget({ doc, vendor, baseUrl: server.baseUrl, apiKey: KEY, target: 'server' }),
    );
  });
});
