// The modelspecs Redocly plugin: the project's conventions as lint rules, one rule per file, configured by name
// (`modelspecs/<rule>`) in the root redocly.yaml and reported like Redocly's own problems.
import type { Oas3Rule, Plugin } from '@redocly/openapi-core';
import { assumedSuccessRange } from './assumed-success-range.js';
import { catalog } from './catalog.js';
import { codeSampleVendor } from './code-sample-vendor.js';
import { declarations } from './declarations.js';
import { docDiscrepancies } from './doc-discrepancies.js';
import { headerExample } from './header-example.js';
import { headerExampleSchema } from './header-example-schema.js';
import { openObjectAdditionalProperties } from './open-object-additional-properties.js';
import { operationCodeSamples } from './operation-code-samples.js';
import { paging } from './paging.js';
import { vendorMetadata } from './vendor-metadata.js';

/** The name of each rule, without the plugin's `modelspecs/` prefix. */
export type ModelspecsRuleName =
  | 'vendor-metadata'
  | 'doc-discrepancies'
  | 'operation-code-samples'
  | 'code-sample-vendor'
  | 'open-object-additional-properties'
  | 'header-example'
  | 'header-example-schema'
  | 'assumed-success-range'
  | 'declarations'
  | 'catalog'
  | 'paging';

export const modelspecsRules: Record<ModelspecsRuleName, Oas3Rule> = {
  'vendor-metadata': vendorMetadata,
  'doc-discrepancies': docDiscrepancies,
  'operation-code-samples': operationCodeSamples,
  'code-sample-vendor': codeSampleVendor,
  'open-object-additional-properties': openObjectAdditionalProperties,
  'header-example': headerExample,
  'header-example-schema': headerExampleSchema,
  'assumed-success-range': assumedSuccessRange,
  declarations,
  catalog,
  paging,
};

/**
 * The plugin as a ready object for `loadConfig({ plugins })`. Redocly prefixes the rule names of a plugin it loads
 * from a path with the plugin's id; a ready object keeps its names, so they carry the prefix here.
 */
export const modelspecsPlugin: Plugin = {
  id: 'modelspecs',
  rules: {
    oas3: Object.fromEntries(
      Object.entries(modelspecsRules).map(([name, rule]) => [`modelspecs/${name}`, rule]),
    ),
  },
};
