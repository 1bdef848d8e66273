/**
 * The rendered reference must work with no network: `--inlineBundle` embeds Redoc's script, but the bundle still
 * points a few images at Redocly's CDN. The build swaps those for inline stand-ins and then refuses any page that
 * would still load something from another host.
 */

const svgDataUri = (svg: string) => `data:image/svg+xml,${encodeURIComponent(svg)}`;

const WORDMARK = svgDataUri(
  '<svg xmlns="http://www.w3.org/2000/svg" width="58" height="14" viewBox="0 0 58 14">' +
    '<text x="0" y="11" font-family="system-ui,sans-serif" font-size="12" font-weight="600" fill="#5e6d82">Redocly</text></svg>',
);
const MARK = svgDataUri(
  '<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14" viewBox="0 0 14 14">' +
    '<text x="2" y="11" font-family="system-ui,sans-serif" font-size="12" font-weight="700" fill="#5e6d82">R</text></svg>',
);

/** Images Redoc's bundle loads from a CDN when the page is viewed, each with the inline image put in its place. */
export const CDN_ASSET_REPLACEMENTS: readonly { url: string; replacement: string }[] = [
  // The "API docs by Redocly" attribution in the sidebar footer; the text stays, the logo becomes inline.
  { url: 'https://cdn.redoc.ly/redoc/logo-mini-full.svg', replacement: WORDMARK },
  { url: 'https://cdn.redoc.ly/redoc/logo-mini.svg', replacement: MARK },
];

/**
 * URL prefixes that appear in Redoc's bundle but are only fetched by components these pages never render
 * (file-type icons of named markdown code blocks, Font Awesome icons of x-badges and MCP panels). The pages'
 * Content-Security-Policy blocks them even if one were rendered, and the e2e test records every request.
 */
export const UNRENDERED_ASSET_PREFIXES: readonly string[] = [
  'https://cdn.redocly.com/icons/fa/',
  'https://cdn.redocly.com/icons/code/',
];

export function replaceCdnAssets(html: string): string {
  let out = html;
  for (const { url, replacement } of CDN_ASSET_REPLACEMENTS) out = out.split(url).join(replacement);
  return out;
}

/** A URL that leaves the page's own host: `http(s)://…` or protocol-relative `//…` (any case). */
const REMOTE = String.raw`(?:https?:)?\/\/`;
const IS_REMOTE = new RegExp(`^\\s*${REMOTE}`, 'i');

/** An attribute or CSS value that is a remote URL, quoted or not; `stop` lists characters that end it. */
const remoteValue = (stop = '') => String.raw`\s*["'\x60]?\s*(${REMOTE}[^"'\x60\s>${stop}]+)`;

/**
 * Markup, CSS, Markdown and code that make a browser fetch a URL as soon as the page is shown (not links the user
 * follows).
 */
const FETCHING_PATTERNS: readonly RegExp[] = [
  // src and friends of every loading element, object/applet data, legacy background attributes.
  new RegExp(
    String.raw`<(?:script|img|iframe|frame|embed|source|track|video|audio|input|image)\b[^>]*?\b(?:src|poster|lowsrc|dynsrc)\s*=${remoteValue()}`,
    'gi',
  ),
  new RegExp(String.raw`<[a-z][^>]*?\s(?:data|background|codebase|archive)\s*=${remoteValue()}`, 'gi'),
  // <link href> (stylesheet, preload, prefetch, icon, …) and SVG image/use/feImage (xlink:)href.
  new RegExp(String.raw`<(?:link|image|use|feimage)\b[^>]*?\s(?:xlink:)?href\s*=${remoteValue()}`, 'gi'),
  // <meta http-equiv="refresh" content="0; url=https://…"> (or "0;https://…") navigates the page away.
  new RegExp(
    String.raw`<meta\b[^>]*?\bcontent\s*=\s*["']?\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?["']?\s*(${REMOTE}[^"'\s>]+)`,
    'gi',
  ),
  // CSS: @import "…" / url(…), url(…), image-set("…").
  new RegExp(String.raw`@import\s+(?:url\()?${remoteValue(')')}`, 'gi'),
  new RegExp(String.raw`\burl\(${remoteValue(')')}`, 'gi'),
  new RegExp(String.raw`image-set\(${remoteValue(')')}`, 'gi'),
  // Markdown images: ![alt](https://…)
  new RegExp(String.raw`!\[[^\]]*\]\(\s*<?(${REMOTE}[^)\s>]+)`, 'gi'),
  /\b(?:import|from)\s*\(?\s*["'`]((?:https?:)?\/\/[^"'`\s]+)/g,
  // Asset hosts named anywhere in the page's code: CDNs and web-font services.
  /["'`(]((?:https?:)?\/\/(?:cdn\.|fonts\.googleapis\.com|fonts\.gstatic\.com|unpkg\.com|esm\.sh|cdnjs\.)[^"'`)\s]*)/gi,
];

/** `srcset` / `imagesrcset` lists: every candidate is a load. */
const SRCSET = /\b(?:image)?srcset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

/** Markdown reference-style images (`![alt][ref]`, `![ref][]`, `![ref]`) and the definitions they use. */
const REFERENCE_IMAGE = /!\[([^\]]*)\](?:\[([^\]]*)\])?/g;
const REFERENCE_DEFINITION = /^[ \t]{0,3}\[([^\]]+)\]:[ \t]*<?(\S+?)>?(?:[ \t]|$)/gm;

const NAMED_ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  amp: '&',
  sol: '/',
  colon: ':',
  tab: '\t',
  newline: '\n',
};

/** HTML character references undone, as a browser reads attribute values and Markdown renderers read text. */
function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]{1,6});?/gi, (_, hex: string) =>
      String.fromCodePoint(Number.parseInt(hex, 16) % 0x110000),
    )
    .replace(/&#(\d{1,7});?/g, (_, dec: string) => String.fromCodePoint(Number(dec) % 0x110000))
    .replace(/&([a-z]+);/gi, (entity, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? entity);
}

/** The spec Redoc's hydrate script receives, embedded in the page as `const __redoc_definition = {…};`. */
const EMBEDDED_DEFINITION = /const __redoc_definition = (.*);\n/;

/** Every string in the spec the page embeds: its Markdown is rendered in the browser, so it is scanned too. */
function embeddedStrings(html: string): string[] {
  const match = EMBEDDED_DEFINITION.exec(html);
  if (!match) return [];
  const strings: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        strings.push(key);
        walk(item);
      }
    }
  };
  try {
    walk(JSON.parse(match[1]!));
  } catch {
    // Not JSON: the page's markup is still scanned.
  }
  return strings;
}

function remoteLoads(text: string, add: (url: string) => void): void {
  for (const pattern of FETCHING_PATTERNS) {
    for (const match of text.matchAll(pattern)) add(match[1]!);
  }
  for (const match of text.matchAll(SRCSET)) {
    for (const candidate of (match[1] ?? match[2] ?? match[3] ?? '').split(',')) {
      const url = candidate.trim().split(/\s+/)[0] ?? '';
      if (IS_REMOTE.test(url)) add(url);
    }
  }
  const imageLabels = new Set<string>();
  for (const match of text.matchAll(REFERENCE_IMAGE)) {
    imageLabels.add((match[2] || match[1] || '').trim().toLowerCase());
  }
  if (imageLabels.size === 0) return;
  for (const match of text.matchAll(REFERENCE_DEFINITION)) {
    if (imageLabels.has(match[1]!.trim().toLowerCase()) && IS_REMOTE.test(match[2]!)) add(match[2]!);
  }
}

/**
 * Every external URL the page would fetch at view time (scripts, styles, fonts, images, frames, module imports,
 * meta refresh targets, CDN assets) in its markup and in the Markdown and HTML of the spec it embeds, except the
 * prefixes listed in `allowedPrefixes`. Links the reader follows are not loads. Empty means the page renders from
 * itself alone.
 */
export function viewTimeExternalUrls(
  html: string,
  allowedPrefixes: readonly string[] = UNRENDERED_ASSET_PREFIXES,
): string[] {
  const found = new Set<string>();
  const add = (url: string) => {
    const clean = url.trim();
    if (!allowedPrefixes.some((prefix) => clean.startsWith(prefix))) found.add(clean);
  };
  for (const text of [html, ...embeddedStrings(html)]) {
    remoteLoads(text, add);
    const decoded = decodeEntities(text);
    if (decoded !== text) remoteLoads(decoded, add);
  }
  return [...found].sort();
}
