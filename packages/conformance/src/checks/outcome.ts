import type { CheckStatus, Violation } from '../types.js';

/** What a check concluded, before it is labelled with its operation and name. */
export interface Outcome {
  status: CheckStatus;
  reason?: string;
  violations?: Violation[];
}

export const pass = (reason?: string): Outcome => (reason ? { status: 'pass', reason } : { status: 'pass' });
export const skip = (reason: string): Outcome => ({ status: 'skipped', reason });
export const fail = (violations: Violation[], reason?: string): Outcome =>
  reason ? { status: 'fail', reason, violations } : { status: 'fail', violations };
/** Passes without violations, fails with them. */
export const outcome = (violations: Violation[]): Outcome =>
  violations.length > 0 ? fail(violations) : pass();

/** The valid request got no answer: the checks of its answer have nothing to judge. */
export const NO_RESPONSE: Outcome = skip('no response to judge (see not_a_server_error)');

export const undocumentedStatus = (status: number): Outcome =>
  skip(`status ${status} is not documented (see status_code_conformance)`);

/** A check (or a whole operation) that threw on what the server sent or the spec holds fails with this. */
export const couldNotFinish = (error: unknown): Outcome =>
  fail([
    {
      pointer: '',
      message: `the check could not finish: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    },
  ]);
