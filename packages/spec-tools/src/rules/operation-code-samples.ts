// modelspecs/operation-code-samples: every operation shows how to call it with curl and with the TypeScript client.
import type { Oas3Rule } from '@redocly/openapi-core';
import { guarded, isNode } from './rule.js';

const REQUIRED = ['curl', 'TypeScript'];

export const operationCodeSamples: Oas3Rule = guarded('modelspecs/operation-code-samples', () => ({
  Operation(operation, ctx) {
    if (!isNode(operation)) return;
    const samples = operation['x-codeSamples'];
    const langs = Array.isArray(samples) ? samples.map((s) => (isNode(s) ? s.lang : undefined)) : [];
    for (const lang of REQUIRED) {
      if (!langs.includes(lang)) {
        ctx.report({
          message: `no "${lang}" entry in x-codeSamples`,
          location: Array.isArray(samples) ? ctx.location.child(['x-codeSamples']) : ctx.location.key(),
        });
      }
    }
  },
}));
