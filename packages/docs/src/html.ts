const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

/** Only http(s) URLs become links: a `javascript:` or `data:` URL in a spec must never be clickable. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A link to an http(s) URL, or the escaped text alone when the URL is anything else. */
export function link(url: string, text: string = url, attributes: Record<string, string> = {}): string {
  const href = safeHref(url);
  if (!href) return escapeHtml(text);
  const extra = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  return `<a href="${escapeHtml(href)}"${extra}>${escapeHtml(text)}</a>`;
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"'`]+/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/**
 * Spec prose (descriptions, discrepancy notes) as safe HTML: everything is escaped, then `code` spans become
 * <code> and bare http(s) URLs become links. No other markdown is interpreted.
 */
export function proseToHtml(text: string): string {
  const parts = String(text).split(/(`[^`]+`)/);
  return parts
    .map((part) => {
      if (part.length > 2 && part.startsWith('`') && part.endsWith('`')) {
        return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      }
      let out = '';
      let last = 0;
      for (const match of part.matchAll(URL_IN_TEXT)) {
        const url = match[0].replace(TRAILING_PUNCTUATION, '');
        const start = match.index;
        out += escapeHtml(part.slice(last, start)) + link(url);
        last = start + url.length;
      }
      return out + escapeHtml(part.slice(last));
    })
    .join('');
}
