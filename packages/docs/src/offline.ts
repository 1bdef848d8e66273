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

/** Markup and code that make a browser fetch a URL as soon as the page is shown (not links the user follows). */
const FETCHING_PATTERNS: readonly RegExp[] = [
  /<script\b[^>]*?\bsrc\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
  /<link\b[^>]*?\bhref\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
  /<(?:img|iframe|source|video|audio|embed|track)\b[^>]*?\b(?:src|poster)\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
  /<object\b[^>]*?\bdata\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
  /@import\s+(?:url\()?\s*["']?((?:https?:)?\/\/[^"')\s;]+)/gi,
  /url\(\s*["']?((?:https?:)?\/\/[^"')\s]+)/gi,
  /\b(?:import|from)\s*\(?\s*["'`]((?:https?:)?\/\/[^"'`\s]+)/g,
  // Asset hosts named anywhere in the page's code: CDNs and web-font services.
  /["'`(]((?:https?:)?\/\/(?:cdn\.|fonts\.googleapis\.com|fonts\.gstatic\.com|unpkg\.com|esm\.sh|cdnjs\.)[^"'`)\s]*)/gi,
];

/**
 * Every external URL the page would fetch at view time (scripts, styles, fonts, images, module imports, CDN
 * assets), except the prefixes listed in `allowedPrefixes`. Empty means the page renders from itself alone.
 */
export function viewTimeExternalUrls(
  html: string,
  allowedPrefixes: readonly string[] = UNRENDERED_ASSET_PREFIXES,
): string[] {
  const found = new Set<string>();
  for (const pattern of FETCHING_PATTERNS) {
    for (const match of html.matchAll(pattern)) {
      const url = match[1]!;
      if (!allowedPrefixes.some((prefix) => url.startsWith(prefix))) found.add(url);
    }
  }
  return [...found].sort();
}
