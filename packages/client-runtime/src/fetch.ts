import { ResponseTooLargeError, scrubError, secretsByResponse } from './errors.js';

/** The fetch a client sends with: the standard signature, called with the URL and a RequestInit. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface TransportOptions {
  fetch?: Fetch;
  timeoutMs?: number;
  maxRetries?: number;
  retryNonIdempotent?: boolean;
  maxBodyBytes?: number;
  maxErrorBodyBytes?: number;
}

/**
 * What openapi-fetch builds in place of a Request. fetch() builds its own Request from whatever it is given, so a
 * plain record spares building one twice per call, and its serialized body can be sent again on a retry without
 * cloning.
 */
export class PlainRequest {
  declare url: string;
  declare method: string;
  declare signal?: AbortSignal;
  /** openapi-fetch merges the headers into a Headers. */
  declare headers: Headers;
  declare redirect: RequestRedirect;
  constructor(url: string, init: RequestInit) {
    Object.assign(this, init, { url });
  }
}

// Every method but POST and PATCH is idempotent, so repeating it cannot do anything twice.
const NOT_IDEMPOTENT = /^(POST|PATCH)$/;

/** Statuses worth another try: request timeout, conflict, rate limit and server errors. */
export const isRetryableStatus = (status: number) => [408, 409, 429].includes(status) || status > 499;

/** 0.5 s doubling per retry up to 8 s, less up to a quarter of jitter so that clients failing together spread out. */
export const backoffMs = (retry: number) => Math.min(500 * 2 ** retry, 8000) * (1 - Math.random() / 4);

/**
 * How long the server asked to wait in ms (`retry-after-ms`, or `Retry-After` in seconds or as an HTTP date);
 * negative or NaN when it did not say, said nothing readable, or gave a date that has passed.
 */
export function retryAfterMs(headers: Headers): number {
  const ms = headers.get('retry-after-ms') ?? '';
  const after = headers.get('retry-after') ?? '';
  // Only digits, or an HTTP date (which starts with the day's name): not "0x3", "2e0" or "1.5".
  return /^\d+(\.\d+)?$/.test(ms)
    ? +ms
    : /^\d+$/.test(after)
      ? +after * 1000
      : /^[a-z]/i.test(after)
        ? Date.parse(after) - Date.now()
        : -1;
}

/**
 * `response` whose body fails with a ResponseTooLargeError once more than `limit` bytes have come (or are declared),
 * so that it is never read past the cap nor cut short; the reader gets the error, and the connection is closed.
 */
function capped(response: Response, limit: number, option: string): Response {
  const tooLarge = new ResponseTooLargeError(response.status, limit, option);
  let size = 0;
  const body = response.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start(controller) {
        if (+response.headers.get('content-length')! > limit) controller.error(tooLarge);
      },
      transform(chunk, controller) {
        size += chunk.length;
        if (size > limit) controller.error(tooLarge);
        else controller.enqueue(chunk);
      },
    }),
  );
  return keepUrl(new Response(body, response), response);
}

const keepUrl = (copy: Response, original: Response) =>
  Object.defineProperty(copy, 'url', { value: original.url });

/**
 * Each body read keeps its attempt's timeout signal alive. AbortSignal.any holds its sources weakly, and the timer
 * of AbortSignal.timeout is cleared once its signal is collected, so without this a joined timeout could vanish
 * after the answer's headers and leave a stalled body hanging.
 */
const held = new WeakMap<ReadableStream, AbortSignal | undefined>();
const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

const MAX_REDIRECTS = 20;

/**
 * Where a redirect leads, for a client that follows redirects itself: the next URL and RequestInit, or undefined when
 * `response` is no redirect. A hop to another origin drops every credential header and the body (which a 307 or
 * 308 would send again), so no credential of any scheme leaves the origin it was meant for; fetch itself drops only
 * `Authorization`.
 */
function nextHop(
  response: Response,
  url: string,
  init: RequestInit,
  credentialHeaders: readonly string[],
): [string, RequestInit] | undefined {
  const { status } = response;
  const location = response.headers.get('location');
  if (!/^30[12378]$/.test(`${status}`) || location === null) return;
  const next = new URL(location, url);
  const headers = new Headers(init.headers);
  let { method, body } = init;
  // As fetch does: a 303 turns anything but HEAD into a GET, a 301 or 302 turns a POST into one.
  if (status === 303 ? method !== 'HEAD' : status < 303 && method === 'POST') {
    method = 'GET';
    body = undefined;
  }
  if (next.origin !== new URL(url).origin) {
    for (const name of credentialHeaders) headers.delete(name);
    body = undefined;
  }
  if (body === undefined) headers.delete('content-type');
  return [next.href, { ...init, method, body, headers }];
}

/**
 * A fetch that gives each attempt its own timeout, joined with the caller's signal, and retries connection errors,
 * timeouts and retryable statuses of idempotent methods with backoff. Retrying lives here rather than in
 * middleware because openapi-fetch middleware cannot send a request twice.
 */
export function createTransport(
  options: TransportOptions,
  secrets: readonly string[],
  credentialHeaders: readonly string[],
) {
  const {
    fetch: send = fetch,
    timeoutMs = 60_000,
    maxRetries = 2,
    maxBodyBytes = 0,
    maxErrorBodyBytes = 2 ** 20,
  } = options;
  for (const [name, value] of Object.entries({ timeoutMs, maxBodyBytes, maxErrorBodyBytes })) {
    if (!(value >= 0)) throw new TypeError(`${name} must be >= 0, not ${value}`);
  }

  // A browser hides where a cross-origin redirect leads (`redirect: 'manual'` gives an opaque answer), so there
  // redirects cannot be followed by hand. (A web worker, without a document, gets that opaque answer, status 0,
  // and no redirect is followed.)
  const browser = 'document' in globalThis;
  return async (request: PlainRequest): Promise<Response> => {
    const caller = request.signal;
    const follow = !browser && request.redirect === 'follow';
    if (request.redirect === 'follow') {
      // A browser drops only Authorization on a redirect to another origin: any other credential refuses them all.
      request.redirect = follow
        ? 'manual'
        : credentialHeaders.some((name) => name !== 'authorization' && request.headers.has(name))
          ? 'error'
          : 'follow';
    }
    const retries = options.retryNonIdempotent || !NOT_IDEMPOTENT.test(request.method) ? maxRetries : 0;
    for (let attempt = 0; ; attempt++) {
      // Written so that a maxRetries of NaN means no retry rather than endless ones.
      const last = !(attempt < retries);
      // Bounds the whole attempt, reading the body included, as the signal stays with the response (see `held`); the
      // timer of AbortSignal.timeout does not keep a finished request in memory, so nothing needs clearing.
      // timeoutMs 0 sends no signal at all: Node's fetch charges every request that carries one.
      const timeout = timeoutMs ? AbortSignal.timeout(timeoutMs) : caller;
      // The record is the RequestInit itself: only its signal changes from one attempt to the next.
      request.signal = caller && timeout !== caller ? AbortSignal.any([caller, timeout!]) : timeout;
      let response: Response | undefined;
      let wait = -1;
      try {
        let url = request.url;
        let init: RequestInit = request;
        for (let hop = 0; ; hop++) {
          response = await send(url, init);
          const next = follow && nextHop(response, url, init, credentialHeaders);
          if (!next) break;
          await response.body?.cancel();
          if (hop === MAX_REDIRECTS) throw new TypeError(`Over ${MAX_REDIRECTS} redirects`);
          [url, init] = next;
        }
        const limit = response.ok ? maxBodyBytes : maxErrorBodyBytes;
        if (limit && response.body) {
          response = capped(response, limit, response.ok ? 'maxBodyBytes' : 'maxErrorBodyBytes');
        }
        if (response.body) held.set(response.body, timeout);
        if (response.ok) return response;
        wait = retryAfterMs(response.headers);
        // A server asking for a longer pause than a client should sit through gets its answer back.
        if (last || !isRetryableStatus(response.status) || wait > 60_000) {
          secretsByResponse.set(response, secrets);
          return response;
        }
        await response.body?.cancel();
      } catch (error) {
        if (last || response || caller?.aborted) throw scrubError(error, secrets);
      }
      await sleep(wait >= 0 ? wait : backoffMs(attempt), caller);
    }
  };
}
