export { serializeBundle, writeBundle } from './bundle.js';
export {
  type CheckResult,
  checkConventions,
  checkExamples,
  checkResponses,
  collectExamples,
  type ExampleCase,
  redoclyCli,
  redoclyLint,
  schemaValidate,
} from './checks.js';
export { type Credentials, credentialsFor } from './credentials.js';
export { SpecError, UsageError } from './errors.js';
export { generateClient, renderClientModules, type VendorFacts, vendorFacts } from './generate.js';
export { formatLintReport, type LintReport, lintSpecFile } from './lint.js';
export { assertSelfContained, bundleSpec, externalReferences } from './load.js';
export { pointerSegments, SourceLocator, toPointer } from './locate.js';
export {
  child,
  documentedHeaders,
  documentedResponse,
  documentedStatuses,
  essence,
  findMediaType,
  firstJsonMediaType,
  isJsonMediaType,
  type Located,
  locate,
  operationSecurity,
} from './lookup.js';
export * from './openapi.js';
export {
  type ExampleRequest,
  encodePathSegment,
  exampleRequest,
  fillPath,
  mediaTypeExample,
} from './requests.js';
export { ConfinedResolver, DEFAULT_MAX_FILE_BYTES, type SpecLoadOptions } from './resolver.js';
export { findRepoRoot } from './root.js';
export { exitCodeFor, runMain } from './run-main.js';
export { DocumentSchemas, describeErrors } from './schema-validator.js';
export { discoverVendors, getVendor, selectVendors, type Vendor } from './vendors.js';
export { type OutputFile, writeFilesAtomically } from './write.js';
