import type { VendorFacts } from './facts.js';

/** Where one security alternative puts a key: request headers and query parameters. */
export interface Credentials {
  headers: Record<string, string>;
  query: Record<string, string>;
}

/**
 * The headers and query parameters that send `key` for one security alternative (every scheme of the alternative
 * carries it): `Authorization: Bearer <key>`, `Authorization: Basic <base64>`, or an apiKey header or query value.
 * A scheme the alternative names but `schemes` lacks is an error naming it.
 */
export function credentialsFor(
  schemes: VendorFacts['securitySchemes'],
  alternative: readonly string[],
  key: string,
): Credentials {
  const credentials: Credentials = { headers: {}, query: {} };
  for (const name of alternative) {
    const scheme = schemes[name];
    if (!scheme) throw new Error(`Security scheme "${name}" is not declared in components.securitySchemes`);
    if (scheme.type === 'http') {
      // Basic auth wants `user:password`; a bare key is sent as the user name with an empty password.
      credentials.headers.Authorization =
        scheme.scheme === 'basic'
          ? `Basic ${Buffer.from(key.includes(':') ? key : `${key}:`).toString('base64')}`
          : `Bearer ${key}`;
    } else if (scheme.in === 'header') {
      credentials.headers[scheme.name] = key;
    } else {
      credentials.query[scheme.name] = key;
    }
  }
  return credentials;
}
