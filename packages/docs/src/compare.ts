// The "Compare models" page: the models the specs' list examples show (what the mocks serve), normalized at build
// time by @modelspecs/catalog with each spec's declaration, in one table sortable by any column. Each value's
// source field shows on hover. The sorting script is inline and allowed by its hash: the page works offline.
import { type CatalogPrice, type CatalogRow, listItems, normalizeModel } from '@modelspecs/catalog';
import {
  catalogDeclaration,
  documentedResponse,
  firstJsonMediaType,
  mediaTypeExample,
  type OpenApiDocument,
} from '@modelspecs/spec-tools';
import { sha256 } from './harden.js';
import { escapeHtml } from './html.js';
import { FAVICON } from './portal.js';
import type { VendorSummary } from './vendor-summary.js';

/** Where the compare page is, in the site. */
export const COMPARE_PAGE = 'compare.html';

/** The rows of the spec's own list example, normalized by its declaration (none when it declares nothing). */
export function exampleRows(doc: OpenApiDocument, slug: string): CatalogRow[] {
  const entry = catalogDeclaration(doc);
  if (!entry) return [];
  const response = documentedResponse(doc, entry.operation, 200);
  const media = response && firstJsonMediaType(response);
  const items = listItems(mediaTypeExample(doc, media?.value), entry.items) ?? [];
  return items.flatMap((item) => normalizeModel(slug, item, entry.declaration) ?? []);
}

interface Cell {
  text: string;
  /** What the column sorts by: a number, or text; empty cells sort last either way. */
  sort: string;
  source?: string;
}

const CURRENCY = {
  USD: 'USD',
  credits: 'credits',
  'micro-credits': 'micro-credits',
  unknown: '(currency undocumented)',
};

function priceCell(price: CatalogPrice | undefined): Cell {
  if (!price) return { text: '', sort: '' };
  const unit = price.unitSource ? `, unit from ${price.unitSource}` : '';
  return {
    text: `${price.perMillion} ${CURRENCY[price.currency]}`,
    sort: `${price.currency} ${price.perMillion}`,
    source: `${price.source} = ${JSON.stringify(price.listed)} ${price.unit}${unit}`,
  };
}

function usdCell(price: CatalogPrice | undefined): Cell {
  if (price?.usdPerMillion === undefined) return { text: '', sort: '' };
  const rate = price.currency === 'USD' ? '' : ` (${price.currency} at the documented rate)`;
  return { text: price.usdPerMillion, sort: price.usdPerMillion, source: `${price.source}${rate}` };
}

const sourced = (value: { value: unknown; source: string } | undefined): Cell =>
  value === undefined
    ? { text: '', sort: '' }
    : {
        text: Array.isArray(value.value) ? value.value.join(', ') : String(value.value),
        sort: String(value.value),
        source: value.source,
      };

const COLUMNS: [string, 'number' | 'text', (row: CatalogRow, vendor: string) => Cell][] = [
  ['Vendor', 'text', (_row, vendor) => ({ text: vendor, sort: vendor })],
  ['Model', 'text', (row) => sourced(row.id)],
  ['Name', 'text', (row) => sourced(row.name)],
  ['Provider', 'text', (row) => sourced(row.provider)],
  ['Context', 'number', (row) => sourced(row.contextLength)],
  ['Max output', 'number', (row) => sourced(row.maxOutputTokens)],
  ['Input / 1M', 'text', (row) => priceCell(row.inputPrice)],
  ['Output / 1M', 'text', (row) => priceCell(row.outputPrice)],
  ['Cached input / 1M', 'text', (row) => priceCell(row.cachedInputPrice)],
  ['Input USD / 1M', 'number', (row) => usdCell(row.inputPrice)],
  ['Output USD / 1M', 'number', (row) => usdCell(row.outputPrice)],
  ['Capabilities', 'text', (row) => sourced(row.capabilities)],
  ['Status', 'text', (row) => sourced(row.status)],
];

// Sorts the table by the clicked column: numbers numerically, text by locale, empty cells last; a second click
// reverses the order. Plain DOM, no library, nothing fetched.
const SORT_SCRIPT = `
document.querySelectorAll('table.compare th button').forEach((button) => {
  button.addEventListener('click', () => {
    const th = button.closest('th');
    const table = th.closest('table');
    const column = Number(th.dataset.column);
    const numeric = th.dataset.type === 'number';
    const ascending = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th[aria-sort]').forEach((other) => other.removeAttribute('aria-sort'));
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    const body = table.tBodies[0];
    const key = (row) => row.cells[column].dataset.sort;
    const rows = Array.from(body.rows).sort((a, b) => {
      const x = key(a), y = key(b);
      if (x === '' || y === '') return (x === '') - (y === '');
      const order = numeric ? Number(x) - Number(y) : x.localeCompare(y, 'en', { numeric: true });
      return ascending ? order : -order;
    });
    body.append(...rows);
  });
});
`;

/** The compare page for these vendors (their `compare` rows). */
export function renderComparePage(vendors: readonly VendorSummary[]): string {
  const rows = vendors.flatMap((v) =>
    v.compare.map((row) => {
      const cells = COLUMNS.map(([, , cell]) => {
        const c = cell(row, v.name);
        const title = c.source ? ` title="source: ${escapeHtml(c.source)}"` : '';
        return `<td data-sort="${escapeHtml(c.sort)}"${title}>${escapeHtml(c.text)}</td>`;
      }).join('');
      return `<tr data-vendor="${escapeHtml(v.slug)}">${cells}</tr>`;
    }),
  );
  const head = COLUMNS.map(
    ([name, type], i) =>
      `<th scope="col" data-column="${i}" data-type="${type}"><button type="button">${escapeHtml(name)}</button></th>`,
  ).join('');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src ${sha256(SORT_SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Compare models · modelspecs</title>
<link rel="icon" href="${FAVICON}">
<style>
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #59636e; --bg: #f6f7f9; --card: #fff; --line: #d8dee4; --accent: #1f4fd1; --code: #eef1f5; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e8eb; --muted: #9aa4ae; --bg: #111418; --card: #1a1e24; --line: #2d333b; --accent: #6d8ff5; --code: #242a32; } }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1400px; margin: 0 auto; padding: 32px 20px 64px; } h1 { font-size: 28px; margin: 0 0 6px; }
p.lead { color: var(--muted); max-width: 90ch; } a { color: var(--accent); }
.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 10px; background: var(--card); }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; }
thead th { background: var(--code); } th button { all: unset; cursor: pointer; font-weight: 600; color: var(--fg); }
th[aria-sort=ascending] button::after { content: " ▲"; } th[aria-sort=descending] button::after { content: " ▼"; }
td[title] { text-decoration: underline dotted var(--muted); cursor: help; }
</style>
</head>
<body>
<main>
<p><a href="index.html">← modelspecs API reference</a></p>
<h1>Compare models</h1>
<p class="lead">The models each spec's list example shows (what the vendors' mocks serve), normalized by what the spec declares in <code>x-modelspecs-list.catalog</code>: prices per 1M tokens as exact decimals in the vendor's currency, and in USD where the vendor documents the rate. Hover a value for the field it came from; click a column to sort. Live data: <code>pnpm models --live</code>.</p>
<div class="table-wrap"><table class="compare">
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
</main>
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}
