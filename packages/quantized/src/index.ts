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

export type QuantizedClientOptions = ClientOptions<typeof vendor>;
export type QuantizedClient = VendorClient<paths>;

/** A typed client of the Quantized API. The API key comes from `options.apiKey` or the vendor's env var (`vendor.envVar`). */
export function createQuantizedClient(options?: QuantizedClientOptions): QuantizedClient {
  return createVendorClient<paths, typeof vendor>(vendor, options);
}

/** The vendor's main objects, as its spec names them. */
export type QuantizedModel = components['schemas']['Model'];
export type QuantizedModelList = components['schemas']['ModelList'];
export type QuantizedModelCost = components['schemas']['ModelCost'];
export type QuantizedModality = components['schemas']['Modality'];
export type QuantizedError = components['schemas']['Error'];
