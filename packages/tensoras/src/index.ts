import { type ClientOptions, createVendorClient, type VendorClient } from '@modelspecs/client-runtime';
import type { components, paths } from './generated/schema.gen.js';
import { vendor } from './generated/vendor.gen.js';

export {
  ApiError,
  type ClientOptions,
  ConnectionError,
  type Credential,
  CredentialError,
  type Logger,
  ModelspecsError,
  ResponseTooLargeError,
  TimeoutError,
  UserAbortError,
  unwrap,
  type VendorFacts,
} from '@modelspecs/client-runtime';
export type { components, operations, paths } from './generated/schema.gen.js';
export { vendor } from './generated/vendor.gen.js';

export type TensorasClientOptions = ClientOptions<typeof vendor>;
export type TensorasClient = VendorClient<paths>;

/** A typed client of the Tensoras API. The API key comes from `options.apiKey` or the vendor's env var (`vendor.envVar`). */
export function createTensorasClient(options?: TensorasClientOptions): TensorasClient {
  return createVendorClient<paths, typeof vendor>(vendor, options);
}

/** The vendor's main objects, as its spec names them. */
export type TensorasModel = components['schemas']['Model'];
export type TensorasModelList = components['schemas']['ModelList'];
export type TensorasModelCapabilities = components['schemas']['ModelCapabilities'];
export type TensorasModelPricing = components['schemas']['ModelPricing'];
export type TensorasError = components['schemas']['Error'];
