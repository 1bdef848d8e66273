export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  text: string;
}

export type HttpOutcome = { response: HttpResponse } | { error: string; unreachable: boolean };

/** Connection failures that mean nothing answers at the address at all, as opposed to a server misbehaving. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function causeOf(error: unknown): { code?: string; message: string } {
  let current: unknown = error;
  // fetch wraps the socket error: `TypeError: fetch failed` with the real reason in `cause`.
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  const err = current as NodeJS.ErrnoException;
  return { code: err?.code, message: err?.message ?? String(current) };
}

/** Sends one request; a transport failure (refused, timed out, reset) is returned, not thrown. */
export async function send(
  fetchImpl: FetchLike,
  request: HttpRequest,
  timeoutMs: number,
): Promise<HttpOutcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal,
    });
    const text = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { response: { status: response.status, headers, text } };
  } catch (error) {
    if (signal.aborted) return { error: `no answer within ${timeoutMs} ms`, unreachable: false };
    const cause = causeOf(error);
    return {
      error: cause.code ? `${cause.code}: ${cause.message}` : cause.message,
      unreachable: cause.code !== undefined && UNREACHABLE_CODES.has(cause.code),
    };
  }
}
