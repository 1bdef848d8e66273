export { type CliIo, runCli, USAGE } from './cli-main.js';
export { type RunConformanceOptions, runConformance } from './conformance.js';
export { chooseAlternative, wrongKeyLike } from './credentials.js';
export { TargetUnreachableError } from './errors.js';
export type { FetchLike } from './http.js';
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_LISTED_IDS,
  DEFAULT_TIMEOUT_MS,
  LIMIT_RANGES,
  type Limits,
} from './limits.js';
export {
  type IdSource,
  invalidValues,
  type NegativeCase,
  negativeCases,
  type PlannedOperation,
  planOperations,
} from './plan.js';
export { redact, redactText } from './redact.js';
export {
  formatJson,
  formatJunit,
  formatReport,
  formatText,
  REPORT_FORMATS,
  type ReportFormat,
} from './report/index.js';
export {
  type CheckTargetOptions,
  checkTarget,
  MOCK_KEY,
  type TargetChoice,
} from './run.js';
export { formatBaseUrl, isLoopback, operationUrl, parseBaseUrl } from './target-url.js';
export * from './types.js';
