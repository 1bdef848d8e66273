import { isIPv4 } from 'node:net';
import { UsageError } from '@modelspecs/spec-tools';

/**
 * Parses the base URL a user gave: http(s) only, no credentials, query or fragment (the key travels in
 * `--api-key`, never in a URL that could end up in a report). A trailing slash is dropped.
 */
export function parseBaseUrl(raw: string, flag = '--base-url'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(
      `${flag}: "${raw}" is not a URL; give the API's base URL, e.g. http://127.0.0.1:4010/v1`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${flag}: "${raw}" must be an http:// or https:// URL`);
  }
  if (url.username || url.password) {
    throw new UsageError(`${flag}: the URL must not carry credentials; pass the key with --api-key instead`);
  }
  if (url.search || url.hash) {
    throw new UsageError(`${flag}: "${raw}" must not have a query or fragment; give the API's base URL only`);
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

/** The base URL as text, without a trailing slash: `http://127.0.0.1:4010/v1`. */
export function formatBaseUrl(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** `base` + an already-filled operation path + query parameters. */
export function operationUrl(base: URL, path: string, query: Readonly<Record<string, string>> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `${formatBaseUrl(base)}${path}${search ? `?${search}` : ''}`;
}

/**
 * Whether the URL names this machine by a literal loopback address: exactly `localhost`, an IPv4 address in
 * 127.0.0.0/8 or `[::1]`, judged on the host as the WHATWG URL parser leaves it (so `2130706433` and `0x7f000001`,
 * which it turns into 127.0.0.1, are loopback). No name is resolved: `evil.localhost`, `localhost.example.com` and
 * `127.0.0.1.nip.io` are other hosts, and so are `0.0.0.0` and the IPv4-mapped `[::ffff:127.0.0.1]`.
 */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  return isIPv4(host) && host.split('.')[0] === '127';
}
