import {
  type ClientOptions,
  createVendorClient,
  type Paginated,
  type VendorClient,
  withPaging,
} from '@modelspecs/client-runtime';
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
  PagingError,
  ResponseTooLargeError,
  TimeoutError,
  UserAbortError,
  unwrap,
  type VendorFacts,
} from '@modelspecs/client-runtime';
export type { components, operations, paths } from './generated/schema.gen.js';
export { vendor } from './generated/vendor.gen.js';

export type TensorOneClientOptions = ClientOptions<typeof vendor>;
/** The client; `paginate` walks the lists the spec declares paged. */
export type TensorOneClient = VendorClient<paths> & Paginated<paths, typeof vendor>;

/** A typed client of the TensorOne API. The API key comes from `options.apiKey` or the vendor's env var (`vendor.envVar`). */
export function createTensorOneClient(options?: TensorOneClientOptions): TensorOneClient {
  return withPaging(createVendorClient<paths, typeof vendor>(vendor, options), vendor);
}

/** The vendor's main objects, as its spec names them. */
export type TensorOneModel = components['schemas']['Model'];
export type TensorOneModelSummary = components['schemas']['ModelSummary'];
export type TensorOneModelList = components['schemas']['ModelList'];
export type TensorOneModelStatus = components['schemas']['ModelStatus'];
export type TensorOneDeployment = components['schemas']['Deployment'];
export type TensorOneDeployModelRequest = components['schemas']['DeployModelRequest'];
export type TensorOneDeployModelResponse = components['schemas']['DeployModelResponse'];
export type TensorOneModelDownload = components['schemas']['ModelDownload'];
export type TensorOneModelComparisonResponse = components['schemas']['ModelComparisonResponse'];
export type TensorOneError = components['schemas']['Error'];
