// modelspecs/assumed-success-range: an operation whose only success response is one exact code, on a response marked
// `x-assumption`, pins a code no source gives: the spec accepts the range (`2XX`) and says so instead.
import type { Oas3Rule } from '@redocly/openapi-core';
import { guarded, isNode } from './rule.js';

export const assumedSuccessRange: Oas3Rule = guarded('modelspecs/assumed-success-range', () => ({
  Operation(operation, ctx) {
    if (!isNode(operation) || !isNode(operation.responses)) return;
    const successes = Object.keys(operation.responses).filter((status) => /^2/i.test(status));
    const status = successes[0];
    if (successes.length !== 1 || status === undefined || !/^2\d\d$/.test(status)) return;
    const response = ctx.resolve(operation.responses[status] as object).node;
    if (isNode(response) && 'x-assumption' in response) {
      ctx.report({
        message: `the only success status ${status} is marked x-assumption; accept the range "2XX" instead of pinning an undocumented code`,
        location: ctx.location.child(['responses', status]),
      });
    }
  },
}));
