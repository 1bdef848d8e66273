/** The forms a key can take on the wire: as given, percent-encoded, and inside a Basic credential. */
export function secretForms(secret: string): string[] {
  if (secret === '') return [];
  return [
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64'),
    Buffer.from(`${secret}:`).toString('base64'),
  ];
}

/** Replaces every form of every secret (longest first) in a text with `***`. */
export function redactText(text: string, secrets: readonly string[]): string {
  const forms = [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  return forms.reduce((acc, form) => acc.split(form).join('***'), text);
}

/** Replaces every secret in every string (and key) of a plain value with `***`. */
export function redact<T>(value: T, secrets: readonly string[]): T {
  const scrub = (text: string) => redactText(text, secrets);
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
