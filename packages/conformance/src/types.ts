/** The checks, in the order they are reported for each operation. */
export const CHECK_NAMES = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'response_headers_conformance',
  'ignored_auth',
  'error_envelope_conformance',
  'list_get_consistency',
  'negative_data_rejection',
] as const;

export type CheckName = (typeof CHECK_NAMES)[number];
export type CheckStatus = 'pass' | 'fail' | 'skipped';

/** One disagreement between the server and the spec: where (a JSON pointer) and what. */
export interface Violation {
  /**
   * A JSON pointer: into the response body (`/data/0/id`), or to the part of the exchange at fault:
   * `/status`, `/headers/<name>`, `/query/<name>`.
   */
  pointer: string;
  message: string;
}

export interface CheckResult {
  operationId: string;
  method: string;
  /** The path template, e.g. `/models/{model_id}`. */
  path: string;
  check: CheckName;
  status: CheckStatus;
  /** Why a check was skipped, or what part of a passing check could not run. */
  reason?: string;
  violations?: Violation[];
}

/**
 * `mock`: one of our stateless Prism mocks, against which the checks that need state or real key validation are
 * skipped. `server`: anything else (a vendor, a proxy, a stateful fixture), against which every check runs.
 */
export type TargetKind = 'mock' | 'server';

export interface TargetInfo {
  /** The base URL the operation paths were appended to (it includes the API's base path). */
  baseUrl: string;
  kind: TargetKind;
  /** How the kind was decided: `started by the checker`, `--target mock`, `Prism's sl-violations header`, ... */
  decidedBy: string;
  loopback: boolean;
  /** Whether write operations (anything but GET and HEAD) ran. */
  writes: boolean;
}

export interface Summary {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
}

export interface VendorReport {
  vendor: string;
  /** The display name (`info.x-vendor`). */
  name: string;
  target: TargetInfo;
  results: CheckResult[];
  summary: Summary;
  durationMs: number;
}

export interface ConformanceReport {
  vendors: VendorReport[];
  summary: Summary;
  /** True when no check failed. */
  ok: boolean;
}

export function summarize(results: readonly CheckResult[]): Summary {
  const count = (status: CheckStatus) => results.filter((r) => r.status === status).length;
  return { total: results.length, passed: count('pass'), failed: count('fail'), skipped: count('skipped') };
}
