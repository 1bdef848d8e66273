import { expect } from 'vitest';
import type { VendorReport } from '../../src/index.js';
import { SERVER_SKIPS } from './skips.js';

/** The key the drift servers of the tests accept. */
export const DRIFT_KEY = 'drift_fixture_key_5f0c2a9b7e';

/**
 * What a run against a faithful drift server of a spec reports: no check fails, the writes run (loopback), every
 * skip is a check that does not apply, and both halves of ignored_auth run (a pass carries no "not tried" note).
 */
export function expectFaithful(report: VendorReport): void {
  expect(report.results.filter((r) => r.status === 'fail').map((r) => `${r.operationId}:${r.check}`)).toEqual(
    [],
  );
  expect(report.target).toMatchObject({ kind: 'server', loopback: true, writes: true });
  for (const result of report.results) {
    if (result.status === 'skipped') expect(SERVER_SKIPS, result.reason).toContain(result.reason);
    if (result.check === 'ignored_auth' && result.status === 'pass') expect(result.reason).toBeUndefined();
  }
}
