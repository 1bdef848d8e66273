// The one auth table: for each kind of security scheme a key can be sent through (http bearer, http basic, apiKey
// in a header, apiKey in the query), how it is sent, how it is described, and which strings on the wire carry the
// credential (what a log or report must redact). Every other scheme (oauth2, openIdConnect, mutualTLS, apiKey in a
// cookie, http digest...) is unsendable: the generator refuses it, the docs name it.
import type { SecuritySchemeObject } from './openapi.js';

/** A scheme a key can be sent through, as the client facts carry it. */
export type SendableScheme =
  | { type: 'http'; scheme: 'bearer' | 'basic' }
  | { type: 'apiKey'; in: 'header' | 'query'; name: string };

/** Where one security alternative puts a key: request headers and query parameters. */
export interface Credentials {
  headers: Record<string, string>;
  query: Record<string, string>;
}

interface AuthKind<S extends SendableScheme> {
  /** The scheme as the facts carry it, when the spec's scheme object is of this kind. */
  read(scheme: SecuritySchemeObject): S | undefined;
  /** Puts `key` where this kind sends it. */
  send(scheme: S, key: string, into: Credentials): void;
  /** The request as a template: `Authorization: Bearer <key>`, `?api_key=<key>`. */
  template(scheme: S): string;
  /** In words, for the docs: `Bearer token in Authorization (JWT)`. */
  describe(scheme: S, raw: SecuritySchemeObject & { bearerFormat?: string }): string;
  /** The strings on the wire that carry `key` (beyond the key itself): what must never reach a log or report. */
  wireForms(scheme: S, key: string): string[];
}

/** Basic auth wants `user:password`; a bare key is sent as the user name with an empty password. */
const basicToken = (key: string) => Buffer.from(key.includes(':') ? key : `${key}:`).toString('base64');

const httpKind = (name: 'bearer' | 'basic'): AuthKind<{ type: 'http'; scheme: 'bearer' | 'basic' }> => {
  const prefix = name === 'bearer' ? 'Bearer' : 'Basic';
  const value = (key: string) => (name === 'bearer' ? `Bearer ${key}` : `Basic ${basicToken(key)}`);
  return {
    read: (s) =>
      s.type === 'http' && s.scheme?.toLowerCase() === name ? { type: 'http', scheme: name } : undefined,
    send: (_s, key, into) => {
      into.headers.Authorization = value(key);
    },
    template: () => `Authorization: ${prefix} <key>`,
    describe: (_s, raw) =>
      name === 'bearer'
        ? `Bearer token in Authorization${raw.bearerFormat ? ` (${raw.bearerFormat})` : ''}`
        : 'HTTP Basic credentials in Authorization (the key as user name, or user:password)',
    wireForms: (_s, key) => (name === 'bearer' ? [value(key)] : [value(key), basicToken(key)]),
  };
};

const apiKeyKind = (
  where: 'header' | 'query',
): AuthKind<{ type: 'apiKey'; in: 'header' | 'query'; name: string }> => ({
  read: (s) =>
    s.type === 'apiKey' && s.in === where && s.name ? { type: 'apiKey', in: where, name: s.name } : undefined,
  send: (s, key, into) => {
    if (where === 'header') into.headers[s.name] = key;
    else into.query[s.name] = key;
  },
  template: (s) => (where === 'header' ? `${s.name}: <key>` : `?${s.name}=<key>`),
  describe: (s) => `API key in ${where === 'header' ? 'header' : 'query parameter'} ${s.name}`,
  // The key travels as itself (a query value percent-encoded, which redaction recognises in every form).
  wireForms: () => [],
});

const KINDS: readonly AuthKind<SendableScheme>[] = [
  httpKind('bearer'),
  httpKind('basic'),
  apiKeyKind('header'),
  apiKeyKind('query'),
] as AuthKind<SendableScheme>[];

const kindOf = (scheme: SendableScheme): AuthKind<SendableScheme> =>
  KINDS.find((kind) => kind.read(scheme) !== undefined)!;

/** The scheme as the facts carry it, or `undefined` when no key can be sent through it. */
export function sendableScheme(scheme: SecuritySchemeObject): SendableScheme | undefined {
  for (const kind of KINDS) {
    const read = kind.read(scheme);
    if (read) return read;
  }
  return undefined;
}

/** What an unsendable scheme is, in a few words: `oauth2`, `http digest`, `apiKey in cookie`. */
export function schemeKind(scheme: SecuritySchemeObject): string {
  return `${scheme.type}${scheme.scheme ? ` ${scheme.scheme}` : ''}${scheme.in ? ` in ${scheme.in}` : ''}`;
}

/**
 * The headers and query parameters that send `key` for one security alternative (every scheme of the alternative
 * carries it). A scheme the alternative names but `schemes` lacks is an error naming it.
 */
export function credentialsFor(
  schemes: Readonly<Record<string, SendableScheme>>,
  alternative: readonly string[],
  key: string,
): Credentials {
  const credentials: Credentials = { headers: {}, query: {} };
  for (const name of alternative) {
    const scheme = schemes[name];
    if (!scheme) throw new Error(`Security scheme "${name}" is not declared in components.securitySchemes`);
    kindOf(scheme).send(scheme, key, credentials);
  }
  return credentials;
}

/** One alternative as a request template: `Authorization: Bearer <key> + ?api_key=<key>`. */
export function describeRequest(
  schemes: Readonly<Record<string, SendableScheme>>,
  alternative: readonly string[],
): string {
  return alternative
    .map((name) => {
      const scheme = schemes[name];
      return scheme ? kindOf(scheme).template(scheme) : name;
    })
    .join(' + ');
}

/** A spec's scheme in words for the docs; an unsendable one is named by its kind. */
export function describeScheme(name: string, raw: SecuritySchemeObject & { bearerFormat?: string }): string {
  const scheme = sendableScheme(raw);
  return scheme ? kindOf(scheme).describe(scheme, raw) : `${schemeKind(raw)} (${name})`;
}

/** Every string that carries one of `keys` through these schemes: the keys and their wire forms, for redaction. */
export function credentialForms(
  schemes: Readonly<Record<string, SendableScheme>>,
  keys: readonly string[],
): string[] {
  const forms = new Set<string>();
  for (const key of keys) {
    if (key === '') continue;
    forms.add(key);
    for (const scheme of Object.values(schemes)) {
      for (const form of kindOf(scheme).wireForms(scheme, key)) forms.add(form);
    }
  }
  return [...forms];
}
