import type { FetchResponse, MaybeOptionalInit } from 'openapi-fetch';
import {
  type CallState,
  ConnectionError,
  describe,
  type ErrorEnvelope,
  ModelspecsError,
  redactor,
  TimeoutError,
  UserAbortError,
} from './errors.js';
import {
  type Credential,
  createTransport,
  type Fetch,
  LOG_LEVELS,
  type Logger,
  type Placed,
  unsendable,
} from './fetch.js';

/** How a credential is sent: the kinds of OpenAPI security scheme a client can send. */
export type SecurityScheme =
  | { readonly type: 'http'; readonly scheme: 'bearer' | 'basic' }
  | { readonly type: 'apiKey'; readonly in: 'header' | 'query'; readonly name: string };

/** How a list operation is paged, as its spec declares it (`paging` of `x-modelspecs-list`); pointers into the body. */
export interface PagingFacts {
  /** Where the items are (first present wins). */
  readonly items: readonly string[];
  readonly style: 'offset' | 'cursor';
  /** The query parameter of the page size. */
  readonly limit?: string;
  /** offset: the query parameter of the start. */
  readonly offset?: string;
  /** offset: pointers to the boolean "more" flag. */
  readonly hasMore?: readonly string[];
  /** offset: pointers to the total count. */
  readonly total?: readonly string[];
  /** cursor: the query parameter the next cursor is sent in. */
  readonly cursor?: string;
  /** cursor: pointers to the next cursor. */
  readonly next?: readonly string[];
}

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
  /** Where the vendor's error body keeps its message and code, from the spec's error envelope schema. */
  readonly errorEnvelope?: ErrorEnvelope;
  /** The paged list operations (GET), by path template. */
  readonly paging?: Readonly<Record<string, PagingFacts>>;
}

export interface ClientOptions<Facts extends VendorFacts = VendorFacts> {
  /**
   * The API key, or a function giving it for each attempt (which may refresh it); defaults to the vendor's env var.
   * Fills the first security alternative made of one scheme. For http basic it is `user:password`.
   */
  apiKey?: Credential;
  /** One credential (or provider) per security scheme, for alternatives that send several together (Majestix's Firebase pair). */
  credentials?: { [Scheme in keyof Facts['securitySchemes']]?: Credential };
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
  /** Where log lines go (default `console`); logging is off unless `logLevel` or `MODELSPECS_LOG` is set, or a logger is given (then `info`). */
  logger?: Logger;
  /** `off`, `error`, `warn` (retries), `info` (each attempt's status and time) or `debug` (each request, credentials redacted). Default: the `MODELSPECS_LOG` env var. */
  logLevel?: (typeof LOG_LEVELS)[number];
}

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

/** The paths of `Paths` that have an operation for `Method`. */
export type PathsWithMethod<Paths, Method extends HttpMethod> = {
  [Path in keyof Paths]: Paths[Path] extends { [M in Method]: unknown } ? Path : never;
}[keyof Paths];

/** openapi-fetch's per-request options that a vendor client does not take (its options set them once). */
type Unsupported =
  | 'baseUrl'
  | 'fetch'
  | 'querySerializer'
  | 'bodySerializer'
  | 'pathSerializer'
  | 'middleware';
type Strip<T> = T extends object ? Omit<T, Unsupported> : T;
export type Init<
  Paths,
  Path extends keyof Paths,
  Method extends HttpMethod,
> = Method extends keyof Paths[Path] ? Strip<MaybeOptionalInit<Paths[Path], Method>> : never;
export type InitArgs<T> = undefined extends T ? [init?: T] : [init: T];
export type Result<
  Paths,
  Path extends keyof Paths,
  Method extends HttpMethod,
> = Method extends keyof Paths[Path]
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
 * The client of a vendor, typed from its `paths` as openapi-fetch's client is, and answering as it does
 * (`{ data, error, response }`). Unlike openapi-fetch's own `Client` type the request options are not inferred, so a
 * misspelt parameter or body field is an error, not an extra property.
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

const env = (name: string) =>
  // Stryker disable next-line OptionalChaining: Node, where the tests run, always has process; the chain serves browsers
  (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env[name];

/**
 * The credentials of the first security alternative the options fill: header values known now, and the credentials
 * placed on each attempt (providers, and keys sent in the query).
 */
function credentialsOf(
  facts: VendorFacts,
  options: ClientOptions,
): [Record<string, string>, string[], Placed[]] {
  const given: Record<string, Credential | undefined> = { ...options.credentials };
  const single = facts.security.find((schemes) => schemes.length === 1)?.[0];
  // The env var stands in for a missing apiKey only: explicit credentials are never mixed with it.
  // Stryker disable next-line ConditionalExpression: without a single-scheme alternative, a value under "undefined" fills no scheme
  if (single) given[single] ||= options.apiKey ?? (options.credentials ? undefined : env(facts.envVar));
  const chosen = options.unauthenticated
    ? []
    : facts.security.find((schemes) => schemes.every((scheme) => given[scheme]));
  if (!chosen) {
    throw new Error(`No API key: set ${facts.envVar} or pass { apiKey }`);
  }
  const headers: Record<string, string> = {};
  // Stryker disable next-line ArrayDeclaration: an extra text to redact changes no output that does not contain it
  const secrets: string[] = [];
  const placed: Placed[] = [];
  for (const name of chosen) {
    const scheme = facts.securitySchemes[name]!;
    const option = options.credentials?.[name] ? `credentials.${name}` : `apiKey (or ${facts.envVar})`;
    const http = scheme.type === 'http';
    const basic = http && scheme.scheme === 'basic';
    const credential = {
      name: http ? 'Authorization' : scheme.name,
      prefix: http ? (basic ? 'Basic ' : 'Bearer ') : '',
      query: !http && scheme.in === 'query',
      basic,
      value: given[name]!,
      option,
    };
    if (typeof credential.value === 'function' || credential.query) placed.push(credential);
    else {
      // Trimmed, as fetch would trim the header, so that what is redacted is what is sent. No message shows the value.
      const secret = credential.value.trim();
      if (!secret) throw new TypeError(`${option} is blank`);
      if (unsendable(secret)) throw new TypeError(`${option} has a character no HTTP header can carry`);
      const sent = basic ? btoa(secret) : secret;
      secrets.push(secret, sent);
      headers[credential.name] = credential.prefix + sent;
    }
  }
  return [headers, secrets, placed];
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

/** Query parameters as openapi-fetch serializes them by default: arrays as `a=1&a=2`, objects as `o[k]=v`. */
const query = (name: string, value: unknown): string[] =>
  value == null
    ? []
    : Array.isArray(value)
      ? value.flatMap((item) => query(name, item))
      : typeof value === 'object'
        ? Object.entries(value).flatMap(([key, item]) => query(`${name}[${key}]`, item))
        : [`${name}=${encodeURIComponent(value as string)}`];

/** Sets each header of `from` on `to`: a list sets each value, `null` removes the header. */
const merge = (to: Headers, from: unknown) => {
  for (const [name, value] of from instanceof Headers ? from : Object.entries(from ?? {})) {
    to.delete(name);
    for (const item of [value].flat()) if (item != null) to.append(name, item);
  }
};

interface CallInit extends Omit<RequestInit, 'body' | 'headers'> {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: unknown };
  body?: unknown;
  headers?: unknown;
  parseAs?: 'json' | 'text' | 'blob' | 'arrayBuffer' | 'stream';
}

/** The typed failure for an error a call rejected with once something was sent: what went wrong, by the signals. */
function failure(error: unknown, call: CallState, caller: AbortSignal | undefined): unknown {
  if (error instanceof ModelspecsError) return error.operation ? error : describe(error, call, error.message);
  if (!call.attempts) return error;
  const [failed, message] = caller?.aborted
    ? [new UserAbortError('', { cause: caller.reason }), 'aborted by the caller']
    : call.timeout?.aborted
      ? [
          Object.assign(new TimeoutError('', { cause: error }), { timeoutMs: call.ms }),
          `no answer within ${call.ms} ms`,
        ]
      : [new ConnectionError('', { cause: error }), `no answer (${(error as Error)?.message})`];
  return describe(failed, call, `${message} after ${call.attempts} attempt(s)`);
}

/** An openapi-fetch client for one vendor, with auth, base URL, timeouts, retries, logs and typed errors from its facts. */
export function createVendorClient<Paths extends {}, Facts extends VendorFacts = VendorFacts>(
  facts: Facts,
  options: ClientOptions<Facts> = {},
): VendorClient<Paths> {
  const baseUrl = options.baseUrl ?? facts.baseUrl;
  // fetch refuses such a URL with a message that quotes it, password included.
  if (/^[a-z][\w+.-]*:\/\/[^/?#]*@/i.test(baseUrl)) {
    throw new TypeError('baseUrl must not hold user:password@');
  }
  const [auth, secrets, placed] = credentialsOf(facts, options as ClientOptions);
  // Every header that can carry a credential, of any scheme of the spec, sent or not.
  const credentialHeaders = ['authorization', 'cookie'];
  for (const scheme of Object.values(facts.securitySchemes))
    if ('name' in scheme) credentialHeaders.push(scheme.name.toLowerCase());
  const level = LOG_LEVELS.indexOf(
    options.logLevel ?? (env('MODELSPECS_LOG') as 'off') ?? (options.logger ? 'info' : 'off'),
  );
  if (level < 0) throw new TypeError(`logLevel (or MODELSPECS_LOG) must be one of ${LOG_LEVELS}`);
  const logger = options.logger ?? console;
  const base = new Headers({ 'User-Agent': facts.userAgent });
  merge(base, options.headers);
  merge(base, auth);
  const transport = createTransport(
    options,
    placed,
    credentialHeaders,
    level
      ? (at, call, message) =>
          at > level ||
          logger[LOG_LEVELS[at] as keyof Logger](redactor(call.secrets)(`${call.op}: ${message}`))
      : undefined,
  );
  // A trailing slash of the base URL is dropped, as openapi-fetch does.
  const root = baseUrl.replace(/\/$/, '');
  const client: Record<string, unknown> = {};
  // Each call carries its state (operation, attempts, credentials sent) on its request record, and rejects with a
  // typed failure when it gets no answer. It answers as openapi-fetch does: `{ data }` or `{ error }`, and `response`.
  const request = async (method: string, path: string, init: CallInit = {}) => {
    method = method.toUpperCase();
    const call: CallState = {
      op: `${method} ${path}`,
      attempts: 0,
      secrets: placed.length ? [...secrets] : secrets,
      envelope: facts.errorEnvelope,
    };
    const { params = {}, body, headers: given, parseAs = 'json', ...rest } = init;
    try {
      const search = Object.entries(params.query ?? {})
        .flatMap(([name, value]) => query(name, value))
        .join('&');
      const headers = new Headers(base);
      merge(headers, given);
      merge(headers, params.header);
      const sent = body === undefined || body instanceof FormData ? body : JSON.stringify(body);
      if (typeof sent === 'string' && !headers.has('content-type'))
        headers.set('content-type', 'application/json');
      const response = await transport({
        redirect: 'follow',
        ...rest,
        method,
        url: `${root}${pathSerializer(path, params.path ?? {})}${search ? `?${search}` : ''}`,
        headers,
        body: sent as BodyInit | undefined,
        call,
      });
      const length = response.headers.get('content-length');
      const { ok } = response;
      if (
        response.status === 204 ||
        method === 'HEAD' ||
        (length === '0' && !response.headers.get('transfer-encoding')?.includes('chunked'))
      ) {
        return { [ok ? 'data' : 'error']: undefined, response };
      }
      if (!ok) {
        let error: unknown = await response.text();
        try {
          error = JSON.parse(error as string);
        } catch {}
        return { error, response };
      }
      let data: unknown = response.body;
      if (parseAs === 'json') {
        const text = await response.text();
        data = text ? JSON.parse(text) : undefined;
      } else if (parseAs !== 'stream') data = await response[parseAs]();
      return { data, response };
    } catch (error) {
      throw failure(error, call, init.signal ?? undefined);
    }
  };
  client.request = request;
  for (const method of ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'])
    client[method] = (path: string, init: CallInit) => request(method, path, init);
  return client as unknown as VendorClient<Paths>;
}
