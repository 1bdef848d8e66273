export {
  type ClientMethod,
  type ClientOptions,
  createVendorClient,
  type PathsWithMethod,
  type SecurityScheme,
  type VendorClient,
  type VendorFacts,
} from './client.js';
export { ApiError, parseErrorBody, ResponseTooLargeError, unwrap } from './errors.js';
