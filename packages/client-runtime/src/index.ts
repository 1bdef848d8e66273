export {
  type ClientOptions,
  createVendorClient,
  type SecurityScheme,
  type VendorClient,
  type VendorFacts,
} from './client.js';
export { ApiError, parseErrorBody, unwrap } from './errors.js';
