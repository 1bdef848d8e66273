import {
  type CallState,
  CredentialError,
  callByResponse,
  describe,
  ResponseTooLargeError,
} from './errors.js';

/** The fetch a client sends with: the standard signature, called with the URL and a RequestInit. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** A credential, or a function giving one for each attempt (which may refresh it). */
export type Credential = string | (() => string | PromiseLike<string>);

/** Where a logger's lines go: `console` or any object with these methods. */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

/** A credential the transport places on each attempt: a provider, or a key sent in the query. */
export interface Placed {
  /** How the credential is sent: a header (name, prefix) or a query parameter. */
  name: string;
  prefix: string;
  query: boolean;
  basic: boolean;
  value: Credential;
  option: string;
}

export interface TransportOptions {
  fetch?: Fetch;
  timeoutMs?: number;
  maxRetries?: number;
  retryNonIdempotent?: boolean;
  maxBodyBytes?: number;
  maxErrorBodyBytes?: number;
}

/**
 * The request record a client call builds and hands to fetch as its RequestInit: fetch() builds its own Request from
 * whatever it is given, so a plain record spares building one twice per call, and its serialized body can be sent
 * again on a retry without cloning.
 */
export interface PlainRequest extends RequestInit {
  url: string;
  method: string;
  headers: Headers;
  redirect: RequestRedirect;
  /** The call this request belongs to. */
  call: CallState;
}

// Every method but POST and PATCH is idempotent, so repeating it cannot do anything twice.
const NOT_IDEMPOTENT = /^(POST|PATCH)$/;

/** Statuses worth another try: request timeout, conflict, rate limit and server errors. */
export const isRetryableStatus = (status: number): boolean =>
  [408, 409, 429].includes(status) || status > 499;

/** 0.5 s doubling per retry up to 8 s, less up to a quarter of jitter so that clients failing together spread out. */
export const backoffMs = (retry: number): number =>
  Math.min(500 * 2 ** retry, 8000) * (1 - Math.random() / 4);

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
/** Waits `ms`, or rejects with the signal's reason; the listener is removed either way. */
const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.throwIfAborted();
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts once, so the listener runs at most once anyway
    signal?.addEventListener('abort', abort, { once: true });
  });

/** Header-safe: no line break, control character or character beyond Latin-1 (nothing a header cannot carry). */
export const unsendable = (secret: string): boolean => /[^\t\x20-\x7e\x80-\xff]/.test(secret);

/** Whether a log line of `level` is wanted: 1 error, 2 warn, 3 info, 4 debug (0 is off). */
export const LOG_LEVELS = ['off', 'error', 'warn', 'info', 'debug'] as const;

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
  placed: readonly Placed[],
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
    for (const { query, name } of placed) if (query) next.searchParams.delete(name);
    body = undefined;
  }
  if (body === undefined) headers.delete('content-type');
  return [next.href, { ...init, method, body, headers }];
}

/**
 * A fetch that gives each attempt its own timeout, joined with the caller's signal, places the credentials that are
 * provided per attempt or sent in the query, and retries connection errors, timeouts and retryable statuses of
 * idempotent methods with backoff. Retrying lives here rather than in middleware because openapi-fetch middleware
 * cannot send a request twice. `log` is undefined when logging is off, so that it costs one check.
 */
export function createTransport(
  options: TransportOptions,
  placed: readonly Placed[],
  credentialHeaders: readonly string[],
  log?: (level: number, call: CallState, message: string) => void,
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
    const { call } = request;
    const caller = request.signal ?? undefined;
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
    call.ms = timeoutMs;
    for (let attempt = 0; ; attempt++) {
      // Written so that a maxRetries of NaN means no retry rather than endless ones.
      const last = !(attempt < retries);
      let url = request.url;
      for (const credential of placed) {
        let secret: unknown;
        try {
          secret = typeof credential.value === 'function' ? await credential.value() : credential.value;
        } catch (cause) {
          throw describe(
            new CredentialError('', { cause }),
            call,
            `${credential.option} failed; nothing was sent`,
          );
        }
        secret = typeof secret === 'string' ? secret.trim() : '';
        if (!secret || unsendable(secret as string)) {
          throw describe(
            new CredentialError(),
            call,
            `${credential.option} gave ${secret ? 'a credential no HTTP header can carry' : 'no credential'}; nothing was sent`,
          );
        }
        const sent = credential.basic ? btoa(secret as string) : (secret as string);
        call.secrets.push(secret as string, sent);
        if (credential.query) {
          url += `${url.includes('?') ? '&' : '?'}${encodeURIComponent(credential.name)}=${encodeURIComponent(sent)}`;
        } else request.headers.set(credential.name, credential.prefix + sent);
      }
      // Bounds the whole attempt, reading the body included, as the signal stays with the response (see `held`); the
      // timer of AbortSignal.timeout does not keep a finished request in memory, so nothing needs clearing.
      // timeoutMs 0 sends no signal at all: Node's fetch charges every request that carries one.
      const timeout = timeoutMs ? AbortSignal.timeout(timeoutMs) : caller;
      call.timeout = timeout;
      call.attempts++;
      // The record is the RequestInit itself: only its signal changes from one attempt to the next.
      // Stryker disable next-line ConditionalExpression: when timeout is the caller's signal, any() of it twice behaves as it
      request.signal = caller && timeout !== caller ? AbortSignal.any([caller, timeout!]) : timeout;
      const started = log && performance.now();
      log?.(
        4,
        call,
        `${request.method} ${request.url} ${JSON.stringify([...request.headers].map(([name, value]) => [name, credentialHeaders.includes(name) ? '[redacted]' : value]))}`,
      );
      let response: Response | undefined;
      let wait = -1;
      let outcome: unknown;
      try {
        let init: RequestInit = request;
        for (let hop = 0; ; hop++) {
          response = await send(url, init);
          const next = follow && nextHop(response, url, init, credentialHeaders, placed);
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
        outcome = response.status;
        wait = response.ok ? -1 : retryAfterMs(response.headers);
        // A server asking for a longer pause than a client should sit through gets its answer back.
        if (response.ok || last || !isRetryableStatus(response.status) || wait > 60_000) {
          callByResponse.set(response, call);
          return response;
        }
        await response.body?.cancel();
      } catch (error) {
        outcome = error;
        if (last || response || caller?.aborted) throw error;
      } finally {
        log?.(
          typeof outcome === 'number' ? 3 : 2,
          call,
          `${typeof outcome === 'number' ? outcome : (outcome as Error)?.name} in ${Math.round(performance.now() - (started as number))} ms, attempt ${call.attempts}`,
        );
      }
      wait = wait >= 0 ? wait : backoffMs(attempt);
      log?.(2, call, `retrying in ${Math.round(wait)} ms`);
      await sleep(wait, caller);
    }
  };
}
