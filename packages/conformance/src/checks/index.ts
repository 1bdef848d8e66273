import type { Check } from './check.js';
import { contentTypeConformance } from './content-type-conformance.js';
import { errorEnvelopeConformance } from './error-envelope-conformance.js';
import { ignoredAuth } from './ignored-auth.js';
import { listGetConsistency } from './list-get-consistency.js';
import { negativeDataRejection } from './negative-data-rejection.js';
import { notAServerError } from './not-a-server-error.js';
import { responseHeadersConformance } from './response-headers-conformance.js';
import { responseSchemaConformance } from './response-schema-conformance.js';
import { statusCodeConformance } from './status-code-conformance.js';

export type { Check, CheckContext } from './check.js';

/** Every check, in the order its results are reported for each operation (CHECK_NAMES). */
export const CHECKS: readonly Check[] = [
  notAServerError,
  statusCodeConformance,
  contentTypeConformance,
  responseSchemaConformance,
  responseHeadersConformance,
  ignoredAuth,
  errorEnvelopeConformance,
  listGetConsistency,
  negativeDataRejection,
];
