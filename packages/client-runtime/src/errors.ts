/** Where a vendor's error body keeps its message and code (JSON pointers, first present wins), from its spec. */
export interface ErrorEnvelope {
  readonly message: readonly string[];
  readonly code: readonly string[];
  /** The response header carrying the request id, where the vendor documents one. */
  readonly requestIdHeader?: string;
}

/**
 * Every failure of a client call: an `ApiError` (an HTTP answer that is not 2xx), a `ConnectionError` (no answer),
 * a `TimeoutError` (no answer in time), a `UserAbortError` (the caller's signal), a `CredentialError` (a credential
 * provider failed: nothing was sent), a `ResponseTooLargeError` or a `PagingError`. None holds a credential.
 */
export class ModelspecsError extends Error {
  /** The operation: method and path template, e.g. `GET /models/{model_id}`. */
  declare operation: string;
  /** Attempts sent (0 when the call failed before sending anything). */
  declare attempts: number;
}
ModelspecsError.prototype.name = 'ModelspecsError';

/** The connection failed (refused, reset, DNS, too many redirects): no HTTP answer; `cause` says why. */
export class ConnectionError extends ModelspecsError {}
ConnectionError.prototype.name = 'ConnectionError';

/** An attempt got no complete answer within `timeoutMs` (the last one, when retries were allowed). */
export class TimeoutError extends ConnectionError {
  /** The timeout that elapsed, in milliseconds. */
  declare readonly timeoutMs: number;
}
TimeoutError.prototype.name = 'TimeoutError';

/** The caller's signal aborted the call; `cause` is its reason. */
export class UserAbortError extends ModelspecsError {}
UserAbortError.prototype.name = 'UserAbortError';

/** A credential provider rejected, or gave an empty or unsendable credential: nothing was sent without it. */
export class CredentialError extends ModelspecsError {}
CredentialError.prototype.name = 'CredentialError';

export interface ApiError {
  /** HTTP status of the answer. */
  readonly status: number;
  /** The vendor's machine-readable error code, where its error envelope (as its spec declares it) has one. */
  readonly code: string | undefined;
  /** The request id, from the header the vendor's spec names. */
  readonly requestId: string | undefined;
  /** The error body: parsed JSON, the text when it is not JSON, or undefined when empty. */
  readonly body: unknown;
  /** The answer's headers (not enumerable, as `response`). */
  readonly headers: Headers;
  /** The answer itself (not enumerable, so that logging the error does not print headers a server echoed back). */
  readonly response: Response;
}

/** A non-2xx answer of a vendor API, with the code and message read as the vendor's spec says. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface types the fields the constructor assigns.
export class ApiError extends ModelspecsError {}
ApiError.prototype.name = 'ApiError';

/** A response body over the client's cap (`maxBodyBytes`, or `maxErrorBodyBytes` for an error answer): never cut short. */
export class ResponseTooLargeError extends ModelspecsError {
  /** HTTP status of the answer whose body was too large. */
  declare readonly status: number;
  /** The cap, in bytes. */
  declare readonly limit: number;
  constructor(status: number, limit: number, option: string) {
    super(`Body of the ${status} answer over ${limit} bytes (${option})`);
    Object.assign(this, { status, limit });
  }
}
ResponseTooLargeError.prototype.name = 'ResponseTooLargeError';

/** What a client knows about a call, kept on its request record: for errors and logs. */
export interface CallState {
  /** `GET /models/{model_id}` */
  op: string;
  attempts: number;
  /** Every credential sent so far (providers may change them), to redact. */
  secrets: string[];
  /** The timeout signal of the last attempt, and its length. */
  timeout?: AbortSignal;
  ms?: number;
  envelope?: ErrorEnvelope;
}

/** The call each error answer belongs to, so that an ApiError built later can name it and redact its credentials. */
export const callByResponse: WeakMap<Response, CallState> = new WeakMap();

/**
 * Replaces each secret with `[redacted]` where it stands as a whole token (not next to a letter or digit), so that a
 * short key does not eat into other words.
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const alternatives = secrets
    .toSorted((a, b) => b.length - a.length)
    // Every other character escaped: outside a class, in a pattern without the u flag, "\x" stands for x.
    .map((secret) => secret.replace(/\W/g, '\\$&'));
  const token = new RegExp(`(?<![A-Za-z\\d])(?:${alternatives.join('|')})(?![A-Za-z\\d])`, 'g');
  return (text) => (secrets.length ? `${text}`.replace(token, '[redacted]') : text);
}

/** A copy of parsed JSON with every string and key cleaned; iterative, so that no nesting is too deep for it. */
function cleanCopy(value: unknown, clean: (text: string) => string): unknown {
  const copy = (from: unknown) =>
    typeof from === 'string'
      ? clean(from)
      : from && typeof from === 'object'
        ? Array.isArray(from)
          ? []
          : {}
        : from;
  const root = copy(value);
  const pending = root && typeof root === 'object' ? [[value, root]] : [];
  for (let pair = pending.pop(); pair; pair = pending.pop()) {
    for (const [key, from] of Object.entries(pair[0] as object)) {
      const to = copy(from);
      // A "__proto__" key sets the prototype of this fresh copy only.
      (pair[1] as Record<string, unknown>)[clean(key)] = to;
      if (to && typeof to === 'object') pending.push([from, to]);
    }
  }
  return root;
}

/** The value at a JSON pointer (RFC 6901) of parsed JSON, or undefined. */
export const valueAt = (value: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .reduce(
      (at: unknown, segment) =>
        at && typeof at === 'object'
          ? (at as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')]
          : undefined,
      value,
    );

/** The first of `pointers` that holds a string or number, as text. */
export const firstAt = (value: unknown, pointers: readonly string[] = []): string | undefined => {
  for (const pointer of pointers) {
    const found = valueAt(value, pointer);
    if (typeof found === 'string' || typeof found === 'number') return `${found}`;
  }
};

/** Names the call on an error and hides every credential it sent; `error` is returned. */
export function describe<E extends ModelspecsError>(
  error: E,
  call: CallState | undefined,
  message: string,
): E {
  // Stryker disable next-line ArrayDeclaration: an extra text to redact changes no output that does not contain it
  const clean = redactor(call?.secrets ?? []);
  error.message = clean(call ? `${call.op}: ${message}` : message);
  // Stryker disable next-line OptionalChaining,Regex: V8 errors always have a stack, and the first match of /.*/ is the first line too
  error.stack = error.stack?.replace(/^.*/, () => `${error.name}: ${error.message}`);
  error.operation = call?.op as string;
  error.attempts = call?.attempts ?? 0;
  const { cause } = error;
  // A cause that quotes a credential (an URL with a key in its query) is replaced by a cleaned copy.
  if (
    cause instanceof Error &&
    clean(`${cause.stack}${JSON.stringify(cause)}`) !== `${cause.stack}${JSON.stringify(cause)}`
  ) {
    error.cause = describe(new ModelspecsError(), undefined, clean(cause.message));
  }
  return error;
}

/** The ApiError for a non-2xx answer whose body was already read (parsed JSON, text, or undefined). */
export function toApiError(response: Response, body: unknown): ApiError {
  const { headers, status } = response;
  const call = callByResponse.get(response);
  // Stryker disable next-line ArrayDeclaration: an extra text to redact changes no output that does not contain it
  const clean = redactor(call?.secrets ?? []);
  const safe = cleanCopy(body === '' ? undefined : body, clean);
  const envelope = call?.envelope;
  const code = firstAt(safe, envelope?.code);
  const requestId = envelope?.requestIdHeader && headers.get(envelope.requestIdHeader);
  const error = Object.defineProperties(
    Object.assign(new ApiError(), {
      status,
      code,
      requestId: requestId ? clean(requestId) : undefined,
      body: safe,
    }),
    { headers: { value: headers }, response: { value: response } },
  );
  return describe(
    error,
    call,
    `${status}${code ? ` ${code}` : ''}: ${firstAt(safe, envelope?.message) ?? ((typeof safe === 'string' && safe) || response.statusText)}`,
  );
}

type Result = { data?: unknown; error?: unknown; response: Response };

/** Resolves to the `data` of a 2xx answer; any other answer rejects with an ApiError. */
export async function unwrap<T extends Result>(
  pending: Promise<T> | T,
): Promise<T extends { data: infer Data } ? Data : never> {
  const { data, error, response } = await pending;
  if (!response.ok) throw toApiError(response, error);
  return data as T extends { data: infer Data } ? Data : never;
}
