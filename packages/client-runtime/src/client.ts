import createClient, { type FetchResponse, type MaybeOptionalInit } from 'openapi-fetch';
import { createTransport, type Fetch, PlainRequest } from './fetch.js';

export type SecurityScheme =
  | { readonly type: 'http'; readonly scheme: 'bearer' }
  | { readonly type: 'apiKey'; readonly in: 'header'; readonly name: string };

/** What a client knows about its vendor, generated from the spec into `src/generated/vendor.gen.ts`. */
export interface VendorFacts {
  readonly slug: string;
  readonly name: string;
  /** Where the API key is read from when `apiKey` is not given. */
  readonly envVar: string;
  /** The spec's first server. */
  readonly baseUrl: string;
  readonly securitySchemes: Readonly<Record<string, SecurityScheme>>;
  /** The spec's security alternatives, in order; each lists the schemes sent together. */
  readonly security: readonly (readonly string[])[];
  readonly userAgent: string;
}

export interface ClientOptions<Facts extends VendorFacts = VendorFacts> {
  /** The API key; defaults to the vendor's env var. Fills the first security alternative made of one scheme. */
  apiKey?: string;
  /** One credential per security scheme, for alternatives that send several together (Majestix's Firebase pair). */
  credentials?: { [Scheme in keyof Facts['securitySchemes']]?: string };
  /** Send no credentials at all (to see how the API answers an unauthenticated call). */
  unauthenticated?: boolean;
  /** Defaults to the spec's server URL; a trailing slash is ignored. */
  baseUrl?: string;
  /** Time allowed for each attempt, body included, in whole milliseconds; 0 for none. Default 60000. */
  timeoutMs?: number;
  /** Further attempts after a connection error, timeout, 408, 409, 429 or 5xx. Default 2. */
  maxRetries?: number;
  /** Also retry POST and PATCH, which are not idempotent and so are sent once by default. */
  retryNonIdempotent?: boolean;
  /** Sent with every request (may override the User-Agent). */
  headers?: Record<string, string>;
  /** Largest success body to read, in bytes, else the call fails with a ResponseTooLargeError; 0 (default) for no cap. */
  maxBodyBytes?: number;
  /** Largest error body read into an ApiError, else a ResponseTooLargeError; 0 for no cap. Default 1 MiB. */
  maxErrorBodyBytes?: number;
  /** The fetch to send requests with (called as `fetch(url, init)`; honour `init.signal`). Default: global fetch. */
  fetch?: Fetch;
}

type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

/** The paths of `Paths` that have an operation for `Method`. */
export type PathsWithMethod<Paths, Method extends HttpMethod> = {
  [Path in keyof Paths]: Paths[Path] extends { [M in Method]: unknown } ? Path : never;
}[keyof Paths];

type Init<Paths, Path extends keyof Paths, Method extends HttpMethod> = Method extends keyof Paths[Path]
  ? MaybeOptionalInit<Paths[Path], Method>
  : never;
type InitArgs<T> = undefined extends T ? [init?: T] : [init: T];
type Result<Paths, Path extends keyof Paths, Method extends HttpMethod> = Method extends keyof Paths[Path]
  ? Paths[Path][Method] extends Record<string | number, unknown>
    ? Promise<FetchResponse<Paths[Path][Method], object, `${string}/${string}`>>
    : never
  : never;

/** One HTTP method of the client: only the paths that have it, with their parameters and body. */
export type ClientMethod<Paths, Method extends HttpMethod> = <Path extends PathsWithMethod<Paths, Method>>(
  path: Path,
  ...init: InitArgs<Init<Paths, Path, Method>>
) => Result<Paths, Path, Method>;

/**
 * The openapi-fetch client of a vendor, typed from its `paths`. Unlike openapi-fetch's own `Client` type the request
 * options are not inferred, so a misspelt parameter or body field is an error, not an extra property.
 */
export interface VendorClient<Paths extends {}> {
  GET: ClientMethod<Paths, 'get'>;
  PUT: ClientMethod<Paths, 'put'>;
  POST: ClientMethod<Paths, 'post'>;
  DELETE: ClientMethod<Paths, 'delete'>;
  OPTIONS: ClientMethod<Paths, 'options'>;
  HEAD: ClientMethod<Paths, 'head'>;
  PATCH: ClientMethod<Paths, 'patch'>;
  TRACE: ClientMethod<Paths, 'trace'>;
  /** Any method by name (lower case), e.g. for requests built from the spec. */
  request<Method extends HttpMethod, Path extends PathsWithMethod<Paths, Method>>(
    method: Method,
    path: Path,
    ...init: InitArgs<Init<Paths, Path, Method>>
  ): Result<Paths, Path, Method>;
}

function authHeaders(facts: VendorFacts, options: ClientOptions): [Record<string, string>, string[]] {
  const given: Record<string, string | undefined> = { ...options.credentials };
  const single = facts.security.find((schemes) => schemes.length === 1)?.[0];
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
  // The env var stands in for a missing apiKey only: explicit credentials are never mixed with it.
  if (single) given[single] ||= options.apiKey ?? (options.credentials ? undefined : env?.[facts.envVar]);
  const chosen = options.unauthenticated
    ? []
    : facts.security.find((schemes) => schemes.every((scheme) => given[scheme]));
  if (!chosen) {
    throw new Error(`No API key: set ${facts.envVar} or pass { apiKey }`);
  }
  const headers: Record<string, string> = {};
  const secrets: string[] = [];
  for (const name of chosen) {
    const scheme = facts.securitySchemes[name]!;
    // Trimmed, as fetch would trim the header, so that what is redacted is what is sent. No message shows the value.
    const secret = given[name]!.trim();
    const option = options.credentials?.[name] ? `credentials.${name}` : `apiKey (or ${facts.envVar})`;
    if (!secret) throw new TypeError(`${option} is blank`);
    if (/[^\t\x20-\x7e\x80-\xff]/.test(secret)) {
      throw new TypeError(`${option} has a character no HTTP header can carry`);
    }
    secrets.push(secret);
    const bearer = scheme.type === 'http';
    headers[bearer ? 'Authorization' : scheme.name] = bearer ? `Bearer ${secret}` : secret;
  }
  return [headers, secrets];
}

/** Percent-encodes each path parameter as exactly one segment, refusing values that would address another path. */
function pathSerializer(url: string, params: Record<string, unknown>): string {
  return url.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const segment = encodeURIComponent(String(params[name] ?? ''));
    // URLs resolve "." and ".." (even percent-encoded) away, so such a value cannot name a resource.
    if (/^\.{0,2}$/.test(segment)) {
      throw new TypeError(`Path parameter ${name} cannot be ${JSON.stringify(params[name])}`);
    }
    return segment;
  });
}

/** An openapi-fetch client for one vendor, with auth, base URL, timeouts, retries and typed errors from its facts. */
export function createVendorClient<Paths extends {}, Facts extends VendorFacts = VendorFacts>(
  facts: Facts,
  options: ClientOptions<Facts> = {},
): VendorClient<Paths> {
  const baseUrl = options.baseUrl ?? facts.baseUrl;
  // fetch refuses such a URL with a message that quotes it, password included.
  if (/^[a-z][\w+.-]*:\/\/[^/?#]*@/i.test(baseUrl)) {
    throw new TypeError('baseUrl must not hold user:password@');
  }
  const [auth, secrets] = authHeaders(facts, options as ClientOptions);
  // Every header that can carry a credential, of any scheme of the spec, sent or not.
  const credentialHeaders = ['authorization', 'cookie'];
  for (const scheme of Object.values(facts.securitySchemes))
    if ('name' in scheme) credentialHeaders.push(scheme.name);
  return createClient<Paths>({
    // openapi-fetch drops a trailing slash of the base URL.
    baseUrl,
    headers: { 'User-Agent': facts.userAgent, ...options.headers, ...auth },
    pathSerializer,
    Request: PlainRequest as unknown as typeof Request,
    fetch: createTransport(options, secrets, credentialHeaders) as unknown as (
      request: Request,
    ) => Promise<Response>,
  }) as unknown as VendorClient<Paths>;
}
