// modelspecs/doc-discrepancies: each place the vendor's sources disagree says what each one says and what the spec does.
import type { Oas3Rule } from '@redocly/openapi-core';
import { guarded, isNode } from './rule.js';

const SHAPE = 'needs "topic", "resolution" and "sources" as a list of {source, says}';

export const docDiscrepancies: Oas3Rule = guarded('modelspecs/doc-discrepancies', () => ({
  Root(root, ctx) {
    if (!isNode(root) || !('x-doc-discrepancies' in root)) return;
    const entries = root['x-doc-discrepancies'];
    const at = ctx.location.child(['x-doc-discrepancies']);
    if (!Array.isArray(entries)) {
      ctx.report({ message: `"x-doc-discrepancies" must be a list; each entry ${SHAPE}`, location: at });
      return;
    }
    entries.forEach((entry, i) => {
      const ok =
        isNode(entry) &&
        typeof entry.topic === 'string' &&
        typeof entry.resolution === 'string' &&
        Array.isArray(entry.sources) &&
        entry.sources.length > 0 &&
        entry.sources.every((s) => isNode(s) && typeof s.source === 'string' && typeof s.says === 'string');
      if (!ok) ctx.report({ message: `a discrepancy entry ${SHAPE}`, location: at.child([i]) });
    });
  },
}));
