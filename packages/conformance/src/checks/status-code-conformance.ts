import { responseOf } from '../exchange.js';
import type { Violation } from '../types.js';
import type { Check } from './check.js';
import { NO_RESPONSE, outcome } from './outcome.js';
import { describeDocumentedStatuses, isDocumentedStatus } from './response.js';

/** Every answer's status is documented for the operation (exactly, by range, or by `default`). */
export const statusCodeConformance: Check = {
  name: 'status_code_conformance',
  judgesEveryExchange: true,
  run: ({ doc, planned, exchanges }) => {
    const violations: Violation[] = [];
    let answered = false;
    for (const exchange of exchanges) {
      const response = responseOf(exchange);
      if (!response) continue;
      answered = true;
      if (!isDocumentedStatus(doc, planned.entry, response.status)) {
        violations.push({
          pointer: '/status',
          message: `${exchange.asked} was answered ${response.status}, which the spec does not document (documented: ${describeDocumentedStatuses(planned.entry)})`,
        });
      }
    }
    return answered ? outcome(violations) : NO_RESPONSE;
  },
};
