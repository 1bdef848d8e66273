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

/** The ApiError for a non-2xx answer whose body was already read (parsed JSON, text, or undefined). */
export function toApiError(response: Response, body: unknown): ApiError {
  const { headers, status } = response;
  const { code, message, requestId: bodyRequestId } = parseErrorBody(body);
  const requestId = headers.get('x-request-id') ?? headers.get('request-id') ?? bodyRequestId;
  let serialized = JSON.stringify({
    message: `${status}${code ? ` ${code}` : ''}: ${message || response.statusText}`,
    code,
    requestId,
    body: body === '' ? undefined : body,
  });
  for (const secret of secretsByResponse.get(response) ?? [])
    serialized = serialized.split(secret).join('[redacted]');
  const fields = JSON.parse(serialized);
  return new ApiError(fields.message, { ...fields, status }, response);
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
