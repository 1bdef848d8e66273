// @modelspecs/catalog: every vendor's models, listed through the generated clients and normalized by what each
// spec declares (x-modelspecs-list.catalog).
export { compareDecimals, type Decimal, formatDecimal, multiply, parseDecimal, shift } from './decimal.js';
export {
  FORMATS,
  type Format,
  formatCsv,
  formatJson,
  formatRows,
  formatTable,
  type ModelsDevModel,
  type ModelsDevProvider,
  toModelsDev,
} from './format.js';
export {
  type CatalogResult,
  type ListCatalogOptions,
  listCatalog,
  listVendor,
  type VendorClientLike,
  type VendorConnection,
  type VendorResult,
} from './list.js';
export {
  type CatalogPrice,
  type CatalogRow,
  listItems,
  normalizeModel,
  normalizePrice,
  type Sourced,
} from './normalize.js';
export { filterRows, type RowFilter, SORT_KEYS, type SortKey, sortRows } from './select.js';
export { type CatalogVendor, catalogVendors } from './vendors.js';
