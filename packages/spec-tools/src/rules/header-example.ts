// modelspecs/header-example: every header has an example, so the mocks never invent a value
// (Prism sends `X-RateLimit-Reset: -9007199254740991` for an integer header without one).
import type { Oas3Rule } from '@redocly/openapi-core';
import { guarded, isNode } from './rule.js';

const nonEmpty = (value: unknown) =>
  (Array.isArray(value) && value.length > 0) || (isNode(value) && Object.keys(value).length > 0);

export const headerExample: Oas3Rule = guarded('modelspecs/header-example', () => ({
  Header(header, ctx) {
    if (!isNode(header)) return;
    if ('example' in header || nonEmpty(header.examples)) return;
    if (isNode(header.schema) && nonEmpty(header.schema.examples)) return;
    ctx.report({
      message: `header "${String(ctx.key)}" has no example; give one (mark it x-assumption if no source shows a value) so mocks do not invent one`,
      location: ctx.location,
    });
  },
}));
