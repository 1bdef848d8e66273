export interface ApiError {
  /** HTTP status of the answer. */
  readonly status: number;
  /** The vendor's machine-readable error code, when its envelope carries one. */
  readonly code: string | undefined;
  /** The request id, from the `x-request-id` or `request-id` header or the body's `request_id`. */
  readonly requestId: string | undefined;
  /** The error body: parsed JSON, the text when it is not JSON, or undefined when empty. */
  readonly body: unknown;
  /** The answer itself (not enumerable, so that logging the error does not print headers a server echoed back). */
  readonly response: Response;
}

/** A non-2xx answer of a vendor API, with the code and message read from the vendor's own error envelope. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface types the fields the constructor assigns.
export class ApiError extends Error {
  constructor(message: string, fields: Omit<ApiError, keyof Error | 'response'>, response: Response) {
    super(message);
    Object.defineProperty(Object.assign(this, fields), 'response', { value: response });
  }
}
ApiError.prototype.name = 'ApiError';

/** A response body over the client's cap (`maxBodyBytes`, or `maxErrorBodyBytes` for an error answer): never cut short. */
export class ResponseTooLargeError extends Error {
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

/** The credentials a client sent, by the error answers it got, so that an ApiError built later can redact them. */
export const secretsByResponse = new WeakMap<Response, readonly string[]>();

type Envelope = { code?: string; type?: string; message?: string; request_id?: string };

/**
 * Code, message and request id from any of the vendors' envelopes: `{error: {message, code, type}}` (OpenAI style),
 * `{detail: string | {code, message}}` (FastAPI), `{error: "CODE", message, request_id}`, or plain text.
 */
export function parseErrorBody(body: unknown): { code?: string; message?: string; requestId?: string } {
  const outer: Envelope & { error?: unknown; detail?: unknown } =
    body && typeof body === 'object' ? body : { message: body as string };
  let inner = (outer.error ?? outer.detail) as Envelope | string | undefined;
  if (!inner || typeof inner !== 'object')
    inner = { code: outer.message && inner, message: outer.message ?? inner };
  return { code: inner.code ?? inner.type, message: inner.message, requestId: outer.request_id };
}

/**
 * Replaces each secret with `[redacted]` where it stands as a whole token (not next to a letter or digit), so that a
 * short key does not eat into other words.
 */
function redactor(secrets: readonly string[]): (text: string) => string {
  const alternatives = secrets
    .toSorted((a, b) => b.length - a.length)
    // Every other character escaped: outside a class, in a pattern without the u flag, "\x" stands for x.
    .map((secret) => secret.replace(/\W/g, '\\$&'));
  const token = new RegExp(`(?<![A-Za-z\\d])(?:${alternatives.join('|')})(?![A-Za-z\\d])`, 'g');
  return (text) => (secrets.length ? text.replace(token, '[redacted]') : text);
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

/** The ApiError for a non-2xx answer whose body was already read (parsed JSON, text, or undefined). */
export function toApiError(response: Response, body: unknown): ApiError {
  const { headers, status } = response;
  const clean = redactor(secretsByResponse.get(response) ?? []);
  const safe = cleanCopy(body === '' ? undefined : body, clean);
  const { code, message, requestId } = parseErrorBody(safe);
  const fromHeader = headers.get('x-request-id') ?? headers.get('request-id');
  return new ApiError(
    clean(`${status}${code ? ` ${code}` : ''}: ${message || response.statusText}`),
    { status, code, requestId: fromHeader === null ? requestId : clean(fromHeader), body: safe },
    response,
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

/**
 * A transport error with every secret cleaned from its message, stack and causes, in place: an error thrown by fetch
 * (or a proxy in front of it) may quote a header it was sent.
 */
export function scrubError(error: unknown, secrets: readonly string[]): unknown {
  const clean = redactor(secrets);
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 8; depth++) {
    for (const field of ['message', 'stack'] as const) {
      const text = current[field];
      const cleaned = typeof text === 'string' ? clean(text) : text;
      // DOMException's message is a getter: define rather than assign, and only when there is something to clean.
      if (cleaned !== text)
        Object.defineProperty(current, field, { value: cleaned, writable: true, configurable: true });
    }
    current = current.cause;
  }
  return error;
}
