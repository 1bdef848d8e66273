// modelspecs/vendor-metadata: who the vendor is, where the spec was written from, and its real base URL.
import type { Oas3Rule } from '@redocly/openapi-core';
import { guarded, isNode } from './rule.js';

export const vendorMetadata: Oas3Rule = guarded('modelspecs/vendor-metadata', () => ({
  Root(root, ctx) {
    if (!isNode(root)) return;
    const info = isNode(root.info) ? root.info : {};
    const at = ctx.location.child(['info']);
    if (typeof info['x-vendor'] !== 'string' || info['x-vendor'].trim() === '') {
      ctx.report({
        message: '"x-vendor" (the vendor\'s display name) is required',
        location: 'x-vendor' in info ? at.child(['x-vendor']) : at.key(),
      });
    }
    const origin = info['x-origin'];
    if (
      !Array.isArray(origin) ||
      origin.length === 0 ||
      origin.some((o) => !isNode(o) || typeof o.url !== 'string' || !/^https?:\/\//.test(o.url))
    ) {
      ctx.report({
        message: '"x-origin" must list the vendor documentation pages as {url, format, retrieved}',
        location: 'x-origin' in info ? at.child(['x-origin']) : at.key(),
      });
    }
    const first = Array.isArray(root.servers) ? root.servers[0] : undefined;
    if (!isNode(first) || typeof first.url !== 'string' || !/^https:\/\/[^/]/.test(first.url)) {
      ctx.report({
        message: "the first server must be the vendor's https base URL",
        location: Array.isArray(root.servers) ? ctx.location.child(['servers']) : ctx.location,
      });
    }
  },
}));
