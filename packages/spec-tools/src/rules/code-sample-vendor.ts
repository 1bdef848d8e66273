// modelspecs/code-sample-vendor: our x-codeSamples belong to the spec they are in. A TypeScript or JavaScript sample
// imports this vendor's package (`@modelspecs/<slug>`, no other vendor's), every sample names the vendor's key
// variable (`modelspecs.envVar` of the spec package) and only the spec's own server URLs. A copied spec whose
// samples still call the vendor it was copied from fails here. Samples quoted from the vendor's pages are labelled
// as "the vendor's own sample" and are exempt: they are evidence, kept as the vendor wrote them.

import { dirname } from 'node:path';
import type { Oas3Rule } from '@redocly/openapi-core';
import { SpecError } from '../errors.js';
import { type Vendor, vendorBesideSpec } from '../vendors.js';
import { guarded, isNode } from './rule.js';

const VENDORS_OWN = /\bthe vendor's own sample\b/i;
const SCRIPT = /^(typescript|javascript|ts|js|node(\.js)?)$/i;
const IMPORTED = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"](@modelspecs\/[^'"/]+)/g;
const URL = /https?:\/\/[^\s"'`\\)]+/g;

export const codeSampleVendor: Oas3Rule = guarded('modelspecs/code-sample-vendor', () => {
  let vendor: Vendor | undefined;
  let manifestProblem: string | undefined;
  let servers: string[] = [];
  return {
    Root(root, ctx) {
      servers =
        isNode(root) && Array.isArray(root.servers)
          ? root.servers.flatMap((s) => (isNode(s) && typeof s.url === 'string' ? [s.url] : []))
          : [];
      try {
        // Messages name the manifest from the workspace (the folder of redocly.yaml), as every other problem does.
        const configPath = ctx.config?.configPath;
        vendor = vendorBesideSpec(
          ctx.location.source.absoluteRef,
          configPath ? dirname(configPath) : undefined,
        );
      } catch (error) {
        if (!(error instanceof SpecError)) throw error;
        manifestProblem = error.problems.join('; ') || error.message;
      }
    },
    XCodeSample(sample, ctx) {
      if (!isNode(sample) || typeof sample.source !== 'string') return;
      if (typeof sample.label === 'string' && VENDORS_OWN.test(sample.label)) return;
      const source = sample.source;
      const at = ctx.location.child(['source']);
      const lang = typeof sample.lang === 'string' ? sample.lang : '';
      if (manifestProblem) {
        ctx.report({ message: `the spec package manifest is invalid: ${manifestProblem}`, location: at });
        manifestProblem = undefined;
      }
      for (const url of source.match(URL) ?? []) {
        if (!servers.some((server) => url.startsWith(server))) {
          ctx.report({
            message: `the sample calls ${url}, which is not under a server of this spec (${servers.join(', ') || 'none declared'})`,
            location: at,
          });
        }
      }
      if (lang.toLowerCase() === 'curl' && !servers.some((server) => source.includes(server))) {
        ctx.report({ message: "the curl sample does not call the spec's server URL", location: at });
      }
      if (!vendor) return;
      const own = `@modelspecs/${vendor.slug}`;
      if (SCRIPT.test(lang)) {
        const imported = [...source.matchAll(IMPORTED)].map((m) => m[1]!);
        if (!imported.includes(own)) {
          ctx.report({
            message: `the ${lang} sample does not import ${own}, this vendor's package`,
            location: at,
          });
        }
        for (const other of new Set(imported.filter((name) => name !== own))) {
          ctx.report({
            message: `the ${lang} sample imports ${other}; a sample of this spec imports only ${own}, its vendor's package`,
            location: at,
          });
        }
      }
      if (!source.includes(vendor.envVar)) {
        ctx.report({
          message: `the sample does not name ${vendor.envVar}, the vendor's key variable (modelspecs.envVar)`,
          location: at,
        });
      }
    },
  };
});
