import { noAnswer, responseOf } from '../exchange.js';
import { describeRequest, withNegativeCase } from '../requests.js';
import type { Violation } from '../types.js';
import type { Check } from './check.js';
import { outcome, skip } from './outcome.js';
import { is4xx, pointerTo } from './response.js';

/** Every value outside a documented bound of a query or header parameter is refused with a 4xx. */
export const negativeDataRejection: Check = {
  name: 'negative_data_rejection',
  run: async ({ planned, request, credentials, send }) => {
    if (planned.negativeCases.length === 0) return skip('no bounded parameter');
    const violations: Violation[] = [];
    for (const c of planned.negativeCases) {
      const bad = withNegativeCase(request, c);
      const asked =
        c.in === 'query' ? describeRequest(bad) : `${describeRequest(bad)} with ${c.name}: ${c.value}`;
      const exchange = await send(bad, credentials, asked);
      const pointer = pointerTo(c.in, c.name);
      const response = responseOf(exchange);
      if (!response) {
        violations.push({ pointer, message: noAnswer(exchange) });
      } else if (!is4xx(response.status)) {
        violations.push({
          pointer,
          message: `${c.name}=${c.value} (${c.rule}) was answered ${response.status}; expected a 4xx`,
        });
      }
    }
    return outcome(violations);
  },
};
