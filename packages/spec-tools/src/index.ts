// @modelspecs/spec-tools: the light reading core. The linter (`/lint`), the code generator (`/codegen`) and the
// command-line helpers (`/cli`) are separate entry points, so a reader never loads Redocly's CLI, openapi-typescript
// or the TypeScript compiler.

export {
  type Credentials,
  credentialForms,
  credentialsFor,
  describeRequest,
  describeScheme,
  type SendableScheme,
  schemeKind,
  sendableScheme,
} from './auth.js';
export { type SpecPackageFacts, serializeBundle, specPackageFacts, writeBundle } from './bundle.js';
export { bundleSpec } from './bundle-spec.js';
export { DEFAULT_MAX_FILE_BYTES } from './confined-read.js';
export {
  type ErrorEnvelope,
  errorEnvelope,
  type ListDeclaration,
  listDeclarations,
  listItemSchemas,
  type Pointer,
  successJsonSchemas,
} from './declarations.js';
export { SpecError, UsageError } from './errors.js';
export {
  type Absent,
  CATALOG_CURRENCIES,
  CATALOG_DIMENSIONS,
  CATALOG_PRICE_UNITS,
  CATALOG_TIME_FORMATS,
  type CatalogCurrency,
  type CatalogDeclaration,
  type CatalogDimension,
  type CatalogEntry,
  type CatalogPriceUnit,
  type CatalogTimeFormat,
  catalogSchema,
  isAbsent,
  type NameSetDeclaration,
  type Pointers,
  type PriceDeclaration,
} from './extensions/catalog.js';
export { catalogDeclaration, readCatalogDeclaration } from './extensions/catalog-declaration.js';
export type { JsonSchema } from './extensions/json-schema.js';
export { type Paging, pagingSchema } from './extensions/paging.js';
export { type PagingDeclaration, pagingDeclaration } from './extensions/paging-declaration.js';
export { EXTENSIONS_SCHEMA_ID, extensionsSchema } from './extensions/schema.js';
export {
  type SecuritySchemes,
  securitySchemes,
  specDisplayName,
  type VendorFacts,
  vendorFacts,
} from './facts.js';
export type { SpecLoadOptions } from './load-options.js';
export {
  documentedHeaders,
  documentedResponse,
  documentedStatuses,
  essence,
  findMediaType,
  firstJsonMediaType,
  isJsonMediaType,
  operationSecurity,
} from './lookup.js';
export * from './openapi.js';
export { asJsonSchemaDialect } from './openapi30.js';
export {
  child,
  escapeSegment,
  firstPresent,
  followRefs,
  type Located,
  pointerSegments,
  toPointer,
  toValuePointer,
  unescapeSegment,
  valueAt,
} from './pointer.js';
export {
  type ExampleRequest,
  encodePathSegment,
  exampleRequest,
  fillPath,
  mediaTypeExample,
} from './requests.js';
export { checkoutAround, findRepoRoot } from './root.js';
export { schemasAt, schemaTypes } from './schema-at.js';
export { DocumentSchemas, describeErrors } from './schema-validator.js';
export { type Server, serverOf } from './server.js';
export { SourceLocator } from './source-locator.js';
export { vendorName } from './vendor-name.js';
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
