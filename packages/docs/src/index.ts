export {
  type BuildSiteOptions,
  type BuiltSite,
  buildSite,
  DEFAULT_SITE_DIR,
  PORTAL_DATA_FILE,
  type PortalData,
} from './build.js';
export { COMPARE_PAGE, exampleRows, renderComparePage } from './compare.js';
export { specDownloads } from './downloads.js';
export { type HardenOptions, hardenReference, unsafeMarkup } from './harden.js';
export { escapeHtml, proseToHtml, safeHref } from './html.js';
export {
  type DeclaredDimension,
  type DeclaredField,
  type ModelDimensions,
  modelDimensions,
} from './model-fields.js';
export { replaceCdnAssets, viewTimeExternalUrls } from './offline.js';
export { type PortalOptions, renderPortal } from './portal.js';
export { REFERENCE_TEMPLATE, type RenderReferenceOptions, renderReference } from './reference.js';
export { type DocsServer, type ServeDocsOptions, serveDocs } from './serve.js';
export {
  type DocDiscrepancy,
  defaultMockUrl,
  describeAuth,
  type OperationSummary,
  summarizeVendor,
  type VendorSummary,
} from './vendor-summary.js';
