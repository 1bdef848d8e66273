/**
 * Scrubs keys from text a server sent back or a report quotes, in every form a server may echo them in.
 *
 * A key is replaced only where it stands as a whole token: not preceded or followed by a letter or digit (unless
 * that letter or digit ends an escape, as in `%20KEY` or `\nKEY`), so a one-letter key never redacts letters of
 * other words. Each character of the key may be written as itself, percent-encoded (any case), as a decimal or hex
 * HTML character reference or a named one (`&amp;`), or as a JSON escape (`\u0041`, `\"`, `\\`, `\/`), mixed in
 * any way; the key's hex (either case) is a form too, for keys of four bytes or more. A base64 or base64url token (the whole token between
 * delimiters, or one of its `/`-separated parts) is decoded, and when it decodes to text that holds the key as a
 * token (`Bearer KEY`, `user:KEY`, `KEY:`), the whole token is replaced.
 */

const MASK = '***';
const ALNUM = /[A-Za-z0-9]/;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** A hex string matched in either case: `2f` → `2[fF]`. */
const anyCase = (hex: string) => hex.replace(/[a-f]/gi, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const NAMED_ENTITIES: Record<string, string> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' };
/** What may come right before a key even though it ends in a letter or digit: `%20`, `\u0020`, `\n`. */
const ESCAPE_BEFORE = /(?:%[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}|\\[nrtbf])$/;
const BASE64_TOKEN = /^[A-Za-z0-9+/_-]+={0,2}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: binary garbage is what this recognises.
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;

/** Every way one character can be written: itself, %XX, &#N;, &#xN;, &name;, \uXXXX, \". */
function characterForms(ch: string): string {
  const code = ch.codePointAt(0)!;
  const forms = [escapeRegExp(ch)];
  forms.push(
    [...Buffer.from(ch, 'utf8')].map((byte) => `%${anyCase(hex(byte, 2))}`).join(''),
    `&#0*${code};`,
    `&#[xX]0*${anyCase(code.toString(16))};`,
    // JSON escapes UTF-16 code units: a character beyond the BMP is two \u escapes.
    Array.from({ length: ch.length }, (_, i) => String.raw`\\u${anyCase(hex(ch.charCodeAt(i), 4))}`).join(''),
  );
  const named = NAMED_ENTITIES[ch];
  if (named) forms.push(`&${named};`);
  if (ch === '"' || ch === '\\' || ch === '/') forms.push(`\\\\${escapeRegExp(ch)}`);
  return `(?:${forms.join('|')})`;
}

interface Matcher {
  /** The key in its character-by-character forms and as hex, each ending a token (where it starts is checked apart). */
  direct: RegExp;
  /** Whether the key starts with a letter or digit, so that what comes before it must not be one. */
  startsAlnum: boolean;
  /** The shortest base64 token that can hold the key. */
  minBase64: number;
}

/**
 * Whether a match at `offset` starts a token. Checked here rather than by a lookbehind in the pattern, which would
 * run at every position of a body of megabytes.
 */
function startsToken(text: string, offset: number, match: string, m: Matcher): boolean {
  if (offset === 0) return true;
  // A hex form is all letters and digits whatever the key starts with.
  if (!m.startsAlnum && !/^[0-9A-Fa-f]+$/.test(match)) return true;
  if (!ALNUM.test(text[offset - 1]!)) return true;
  return ESCAPE_BEFORE.test(text.slice(Math.max(0, offset - 6), offset));
}

function replaceTokens(text: string, m: Matcher, replace: (match: string) => string): string {
  return text.replace(m.direct, (match: string, offset: number) =>
    startsToken(text, offset, match, m) ? replace(match) : match,
  );
}

function matcher(secret: string): Matcher {
  const chars = [...secret];
  const after = ALNUM.test(chars.at(-1)!) ? '(?![A-Za-z0-9])' : '';
  const spelled = `${chars.map(characterForms).join('')}${after}`;
  // The hex of a key of one to three bytes is a short number or word that ordinary text is full of.
  const bytes = Buffer.from(secret, 'utf8');
  const hexForm =
    bytes.length >= 4 ? `|(?<![A-Za-z0-9])${anyCase(bytes.toString('hex'))}(?![A-Za-z0-9])` : '';
  const source = `${spelled}${hexForm}`;
  return {
    direct: new RegExp(source, 'g'),
    startsAlnum: ALNUM.test(chars[0]!),
    minBase64: Math.floor((Buffer.byteLength(secret) * 4) / 3),
  };
}

/** One matcher per secret, longest first (so that a key holding another is replaced whole); `''` matches nothing. */
function matchersFor(secrets: readonly string[]): Matcher[] {
  return [...new Set(secrets.filter((s) => s !== ''))].sort((a, b) => b.length - a.length).map(matcher);
}

/** The text a base64 or base64url token decodes to, when it is text at all. */
function decodeBase64(token: string): string | undefined {
  if (!BASE64_TOKEN.test(token)) return undefined;
  const bare = token.replace(/=+$/, '');
  if (bare.length % 4 === 1) return undefined;
  const text = Buffer.from(bare, 'base64').toString('utf8');
  return text === '' || NOT_TEXT.test(text) ? undefined : text;
}

function holdsSecret(token: string, matchers: readonly Matcher[]): boolean {
  if (token.length < 2) return false;
  const applicable = matchers.filter((m) => token.length >= m.minBase64);
  if (applicable.length === 0) return false;
  const decoded = decodeBase64(token);
  return decoded !== undefined && applicable.some((m) => replaceTokens(decoded, m, () => MASK) !== decoded);
}

/** Replaces every form of every secret (longest first) in a text with `***`. */
export function redactText(text: string, secrets: readonly string[]): string {
  return redactWith(text, matchersFor(secrets));
}

function redactWith(text: string, matchers: readonly Matcher[]): string {
  if (matchers.length === 0) return text;
  // Only runs long enough to hold a key are decoded.
  const shortest = Math.max(2, Math.min(...matchers.map((m) => m.minBase64)));
  const runs = new RegExp(`[A-Za-z0-9+/=_-]{${shortest},}`, 'g');
  const decoded = text.replace(runs, (run) => {
    if (holdsSecret(run, matchers)) return MASK;
    if (!run.includes('/')) return run;
    return run
      .split('/')
      .map((part) => (holdsSecret(part, matchers) ? MASK : part))
      .join('/');
  });
  return matchers.reduce((acc, m) => replaceTokens(acc, m, () => MASK), decoded);
}

/** Replaces every secret in every string (and key) of a plain value with `***`. */
export function redact<T>(value: T, secrets: readonly string[]): T {
  // The matchers are built once for the whole value, not kept in the module: nothing outlives the call.
  const matchers = matchersFor(secrets);
  const scrub = (text: string) => redactWith(text, matchers);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrub(v);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [scrub(k), walk(inner)]));
    }
    return v;
  };
  return walk(value) as T;
}
