import { formatBytes } from './limits.js';

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
  /** The body as UTF-8 (bytes that are not UTF-8 read as U+FFFD); when the body is over the cap, what was read. */
  text: string;
  /** Set when the body was larger than the cap: why it was not read to its end (naming the cap). */
  bodyTooLarge?: string;
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

export function bodyTooLargeMessage(maxBodyBytes: number): string {
  return `the body is larger than the ${formatBytes(maxBodyBytes)} cap on what the checker reads (raise it with --max-body-bytes or the maxBodyBytes option)`;
}

/**
 * Reads a body up to `maxBodyBytes`, counting bytes as they arrive; past the cap it stops and cancels the body, which
 * closes the connection, so an endless body costs at most the cap.
 */
async function readBody(
  response: Response,
  maxBodyBytes: number,
): Promise<{ text: string; tooLarge: boolean }> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (!response.body) return { text: '', tooLarge: false };
  if (declared > maxBodyBytes) {
    await response.body.cancel().catch(() => {});
    return { text: '', tooLarge: true };
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel().catch(() => {});
      return { text: text + decoder.decode(), tooLarge: true };
    }
    text += decoder.decode(value, { stream: true });
  }
  return { text: text + decoder.decode(), tooLarge: false };
}

/** Sends one request; a transport failure (refused, timed out, reset) is returned, not thrown. */
export async function send(
  fetchImpl: FetchLike,
  request: HttpRequest,
  timeoutMs: number,
  maxBodyBytes: number,
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
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const body = await readBody(response, maxBodyBytes);
    return {
      response: {
        status: response.status,
        headers,
        text: body.text,
        ...(body.tooLarge ? { bodyTooLarge: bodyTooLargeMessage(maxBodyBytes) } : {}),
      },
    };
  } catch (error) {
    if (signal.aborted) return { error: `no answer within ${timeoutMs} ms`, unreachable: false };
    const cause = causeOf(error);
    return {
      error: cause.code ? `${cause.code}: ${cause.message}` : cause.message,
      unreachable: cause.code !== undefined && UNREACHABLE_CODES.has(cause.code),
    };
  }
}
