/**
 * What the build does to the page `redocly build-docs` writes, so that a spec from a stranger cannot run script,
 * frame or navigate the page, and so that the page works from any folder of any static host.
 *
 * - Redoc's `sanitize` option (DOMPurify over the Markdown of every description) is turned on in the options the
 *   page hands to Redoc. It cannot be set in redocly.yaml: the server-side render of `build-docs` 2.77 fails with
 *   "linkedom is not available in browser bundles" as soon as it is on.
 * - The server-side rendered markup is dropped. It is rendered without that sanitising (an `<iframe srcdoc>` or a
 *   `<meta http-equiv=refresh>` in `info.description` lands in the page as is) and with its router's root-relative
 *   links (`href="/models"`). Redoc's `hydrate()` renders an empty container from scratch, sanitised, with hash
 *   links (`#/models`) that work at any path.
 * - The Content-Security-Policy allows exactly the page's own inline scripts, by their SHA-256 hashes: no other
 *   inline script, event handler attribute or `javascript:` URL runs, and no frame loads.
 */
import { createHash } from 'node:crypto';

export interface HardenOptions {
  /** The spec files offered for download beside the page, by relative URL. */
  downloads: readonly { title: string; url: string }[];
}

/** The marker the page template puts in `script-src`; an unknown keyword, so a page left with it runs nothing. */
export const SCRIPT_HASHES_MARKER = "'inline-script-hashes'";

const OPTIONS_LINE = /(const __redoc_options = )(\{.*\})(;\n)/;
const REDOC_CONTAINER = '<div id="redoc">';
const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/** Thrown with the reasons when the page does not have the shape the hardening relies on. */
export class PageShapeError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** The CSP source that allows one inline script. */
export function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The page with Redoc's server-side markup removed from its container (everything up to the page's own script). */
function withoutServerMarkup(html: string, problems: string[]): string {
  const start = html.indexOf(REDOC_CONTAINER);
  const script = html.indexOf('<script type="module">', start);
  if (start < 0 || script < 0 || html.indexOf(REDOC_CONTAINER, start + 1) >= 0) {
    problems.push(`the page has no single ${REDOC_CONTAINER} followed by Redoc's module script`);
    return html;
  }
  const inner = html.slice(start + REDOC_CONTAINER.length, script);
  const close = inner.lastIndexOf('</div>');
  if (close < 0) {
    problems.push(`the ${REDOC_CONTAINER} container is not closed before Redoc's script`);
    return html;
  }
  return `${html.slice(0, start)}${REDOC_CONTAINER}</div>${inner.slice(close + '</div>'.length)}${html.slice(script)}`;
}

/** The page's Redoc options with sanitising on and the downloads set. */
function withOptions(html: string, options: HardenOptions, problems: string[]): string {
  const match = OPTIONS_LINE.exec(html);
  if (!match) {
    problems.push('the page has no `const __redoc_options = {…};` line');
    return html;
  }
  const redoc = JSON.parse(match[2]!) as Record<string, unknown>;
  redoc.sanitize = true;
  redoc.downloadUrls = options.downloads.map(({ title, url }) => ({ title, url }));
  // `<` cannot end the script from inside a JSON string.
  const json = JSON.stringify(redoc).replace(/</g, '\\u003c');
  return html.slice(0, match.index) + match[1] + json + match[3] + html.slice(match.index + match[0].length);
}

/** The page with its CSP's script-src set to the hashes of its inline scripts; refuses script files. */
function withScriptHashes(html: string, problems: string[]): string {
  const hashes = new Set<string>();
  for (const [, attributes, body] of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes!)) problems.push(`the page loads a script file: <script${attributes}>`);
    else hashes.add(sha256(body!));
  }
  const count = html.split(SCRIPT_HASHES_MARKER).length - 1;
  if (count !== 1) {
    problems.push(
      `the page template must hold ${SCRIPT_HASHES_MARKER} once in its script-src (found ${count})`,
    );
    return html;
  }
  return html.replace(SCRIPT_HASHES_MARKER, [...hashes].join(' '));
}

/**
 * Hardens a page rendered by `redocly build-docs` (see the module comment). Throws a PageShapeError naming what is
 * missing when the page is not shaped as expected, so a Redocly upgrade that changes it fails the build instead of
 * publishing an unprotected page.
 */
export function hardenReference(html: string, options: HardenOptions): string {
  const problems: string[] = [];
  let out = withoutServerMarkup(html, problems);
  out = withOptions(out, options, problems);
  out = withScriptHashes(out, problems);
  if (problems.length > 0) throw new PageShapeError(problems);
  return out;
}

/** What in a finished page would still run, navigate or leave the folder it is served from. */
export function unsafeMarkup(html: string): string[] {
  const problems: string[] = [];
  // The page's markup outside its scripts (the embedded spec and Redoc's code are data until Redoc renders them).
  const markup = html.replace(INLINE_SCRIPT, '<script></script>');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(markup)?.[1] ?? '';
  const scriptSrc = /(?:^|;)\s*script-src([^;]*)/.exec(csp)?.[1] ?? '';
  if (!csp) problems.push('the page has no Content-Security-Policy');
  if (
    !scriptSrc.trim() ||
    /'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|\*|https?:|'self'/.test(scriptSrc)
  ) {
    problems.push(`script-src must list only the page's own script hashes, not "${scriptSrc.trim()}"`);
  }
  for (const directive of ['frame-src', 'child-src', 'object-src']) {
    if (!new RegExp(`(?:^|;)\\s*${directive} 'none'`).test(csp)) problems.push(`${directive} is not 'none'`);
  }
  for (const [tag] of markup.matchAll(/<meta\b[^>]*http-equiv\s*=\s*["']?refresh[^>]*>/gi)) {
    problems.push(`the page navigates itself away: ${tag}`);
  }
  for (const [tag] of markup.matchAll(/<(?:iframe|frame|object|embed|base)\b[^>]*>/gi)) {
    problems.push(`the page holds ${tag}`);
  }
  for (const [, attribute, value] of markup.matchAll(/\s(href|src|action)\s*=\s*["']?(\/[^"'\s>]*)/gi)) {
    problems.push(`${attribute}="${value}" is root-relative: it leaves a site served under a sub-path`);
  }
  if (!/"sanitize":true/.test(html)) problems.push("Redoc's sanitize option is not on");
  return problems;
}
