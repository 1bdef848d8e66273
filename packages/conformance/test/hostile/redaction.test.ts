import { describe, expect, it } from 'vitest';
import { redact, redactText } from '../../src/index.js';

const KEY = 'tns_k3y"\\/+Zq&é9';
const base64 = (text: string) => Buffer.from(text).toString('base64');
const base64url = (text: string) => Buffer.from(text).toString('base64url');
const utf16 = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

/** The key as a server may echo it: every encoding the checker must scrub. */
export function echoedForms(key: string): Record<string, string> {
  return {
    raw: key,
    'percent-encoded': encodeURIComponent(key),
    'fully percent-encoded (lower case)': [...Buffer.from(key)].map((b) => `%${b.toString(16)}`).join(''),
    'JSON string': JSON.stringify(key),
    'JSON \\u escapes': utf16(key)
      .map((u) => `\\u${u.toString(16).padStart(4, '0')}`)
      .join(''),
    'HTML decimal entities': [...key].map((c) => `&#${c.codePointAt(0)};`).join(''),
    'HTML hex entities': [...key].map((c) => `&#x${c.codePointAt(0)!.toString(16).toUpperCase()};`).join(''),
    'HTML-escaped': key.replace(/&/g, '&amp;').replace(/"/g, '&quot;'),
    hex: Buffer.from(key).toString('hex'),
    'hex (upper case)': Buffer.from(key).toString('hex').toUpperCase(),
    base64: base64(key),
    'base64 of Bearer KEY': base64(`Bearer ${key}`),
    'base64url of Bearer KEY': base64url(`Bearer ${key}`),
    'base64 of user:KEY (Basic)': base64(`someone:${key}`),
    'base64 of KEY:': base64(`${key}:`),
    'base64 of user:KEY in a URL path': `https://example.test/${base64(`u:${key}`)}/next`,
    'Bearer%20KEY': `Bearer%20${encodeURIComponent(key)}`,
  };
}

describe('redaction of a key in other encodings', () => {
  it.each(Object.entries(echoedForms(KEY)))('scrubs the %s form', (_, form) => {
    const scrubbed = redactText(`error: ${form} (end)`, [KEY]);
    expect(scrubbed).not.toContain(form);
    expect(scrubbed).toMatch(/^error: .*\*\*\*.* \(end\)$/);
    // What is left around the mask is the encoding's wrapper, never a part of the key.
    expect(scrubbed.replace(/\*\*\*/g, '')).not.toMatch(/k3y|Zq/);
  });

  it('scrubs every form inside a nested value, keys of objects included', () => {
    const forms = Object.values(echoedForms(KEY));
    const value = { list: forms.map((f) => `said ${f}`), [base64(`Bearer ${KEY}`)]: 1 };
    const out = JSON.stringify(redact(value, [KEY]));
    for (const form of forms) expect(out).not.toContain(form);
  });

  it('replaces a key only where it stands as a whole token', () => {
    expect(redactText('invalid a key, "a" banana ba', ['a'])).toBe('invalid *** key, "***" banana ba');
    expect(redactText('a YQ== Bearer QmVhcmVyIGE=', ['a'])).toBe('*** *** Bearer ***');
    // The hex of a one-letter key is an ordinary number: left alone.
    expect(redactText('took 61 ms, status 400', ['a'])).toBe('took 61 ms, status 400');
    expect(redactText('sk-abc123 and xabc123 and abc1234', ['abc123'])).toBe(
      'sk-*** and xabc123 and abc1234',
    );
    expect(redactText('plain words: RGVhciBzaXI= and 3q2+7w==', ['tns_abcdefgh'])).toBe(
      'plain words: RGVhciBzaXI= and 3q2+7w==',
    );
  });
});
