export {
  type ClientMethod,
  type ClientOptions,
  createVendorClient,
  type PagingFacts,
  type PathsWithMethod,
  type SecurityScheme,
  type VendorClient,
  type VendorFacts,
} from './client.js';
export {
  ApiError,
  ConnectionError,
  CredentialError,
  type ErrorEnvelope,
  ModelspecsError,
  ResponseTooLargeError,
  TimeoutError,
  UserAbortError,
  unwrap,
} from './errors.js';
export type { Credential, Fetch, Logger } from './fetch.js';
export {
  type Page,
  type PageBody,
  type PageItem,
  type PageOptions,
  type Pager,
  type Paginated,
  PagingError,
  withPaging,
} from './paging.js';
