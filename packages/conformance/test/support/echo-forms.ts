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
