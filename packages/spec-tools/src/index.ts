// @modelspecs/spec-tools: the light reading core. The linter (`/lint`), the code generator (`/codegen`) and the
// command-line helpers (`/cli`) are separate entry points, so a reader never loads Redocly's CLI, openapi-typescript
// or the TypeScript compiler.
export { type SpecPackageFacts, serializeBundle, specPackageFacts, writeBundle } from './bundle.js';
export { bundleSpec } from './bundle-spec.js';
export { DEFAULT_MAX_FILE_BYTES } from './confined-read.js';
export { type Credentials, credentialsFor } from './credentials.js';
export { SpecError, UsageError } from './errors.js';
export {
  type Paging,
  type PagingDeclaration,
  pagingDeclaration,
  pagingSchema,
  pagingShapeProblems,
} from './extensions/paging.js';
export {
  type SecuritySchemes,
  securitySchemes,
  specDisplayName,
  type VendorFacts,
  vendorFacts,
} from './facts.js';
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
export { asJsonSchemaDialect } from './openapi30.js';
export {
  type ExampleRequest,
  encodePathSegment,
  exampleRequest,
  fillPath,
  mediaTypeExample,
} from './requests.js';
export type { SpecLoadOptions } from './resolver.js';
export { checkoutAround, findRepoRoot } from './root.js';
export { DocumentSchemas, describeErrors } from './schema-validator.js';
export {
  discoverVendors,
  getVendor,
  installedVendors,
  selectVendors,
  specFileVendor,
  type Vendor,
  type VendorCatalog,
  vendorCatalog,
} from './vendors.js';
export { type OutputFile, writeFilesAtomically } from './write.js';
