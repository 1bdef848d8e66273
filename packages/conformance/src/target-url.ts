import { isIPv4, isIPv6 } from 'node:net';
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

/** Whether the URL's host is this machine: `localhost`, 127.0.0.0/8, `::1` or an IPv4-mapped 127.x address. */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIPv4(host)) return host.startsWith('127.');
  if (isIPv6(host)) {
    return host === '::1' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host) || /^::ffff:127\./.test(host);
  }
  return false;
}
