import type { CatalogDimension } from '@modelspecs/spec-tools';
import { specDownloads } from './downloads.js';
import { escapeHtml, link, proseToHtml } from './html.js';
import type { DeclaredDimension } from './model-fields.js';
import type { DocDiscrepancy, VendorSummary } from './vendor-summary.js';

export interface PortalOptions {
  /** Mock base URLs by vendor slug, when the mocks do not run at their default addresses. */
  mockUrls?: Readonly<Record<string, string>>;
}

/** A small inline icon, so no page asks the server for /favicon.ico. */
export const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='7' fill='%231f4fd1'/%3E%3Cpath d='M8 22V10h3l5 7 5-7h3v12h-3v-7l-5 6.5L11 15v7z' fill='white'/%3E%3C/svg%3E";

/** The portal is static: no script, no external resource, nothing the browser may fetch from another host. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #59636e; --bg: #f6f7f9; --card: #fff; --line: #d8dee4;
  --accent: #1f4fd1; --accent-fg: #fff; --code: #eef1f5; --absent: #8a939c; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e8eb; --muted: #9aa4ae; --bg: #111418; --card: #1a1e24;
  --line: #2d333b; --accent: #6d8ff5; --accent-fg: #0b0d10; --code: #242a32; --absent: #6e7781; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); line-height: 1.5;
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 32px 20px 64px; }
h1 { font-size: 28px; margin: 0 0 6px; } h2 { font-size: 21px; margin: 40px 0 14px; }
h3 { font-size: 18px; margin: 0; } p.lead { color: var(--muted); margin: 0 0 8px; max-width: 75ch; }
a { color: var(--accent); } code { background: var(--code); padding: 1px 5px; border-radius: 4px;
  font: 0.88em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 16px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 18px;
  display: flex; flex-direction: column; gap: 10px; }
.card header { display: flex; align-items: baseline; justify-content: space-between; gap: 8px; }
.badge { font-size: 12px; color: var(--muted); border: 1px solid var(--line); border-radius: 999px; padding: 0 8px; }
.card .title { color: var(--muted); margin: -6px 0 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 12px; margin: 0; }
dt { color: var(--muted); font-size: 13px; padding-top: 1px; } dd { margin: 0; min-width: 0; }
dd ul { margin: 0; padding-left: 18px; } dd a { overflow-wrap: anywhere; }
.links { display: flex; flex-wrap: wrap; gap: 8px; margin-top: auto; padding-top: 6px; }
.links a { text-decoration: none; border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; font-size: 14px; }
.links a.primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
details.operations summary, details.discrepancy summary { cursor: pointer; }
details.operations ul { margin: 6px 0 0; padding-left: 18px; font-size: 14px; }
.method { font: 600 11px/1 ui-monospace, monospace; letter-spacing: .03em; }
.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 10px; background: var(--card); }
table { border-collapse: collapse; width: 100%; min-width: 900px; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 10px 12px; border-bottom: 1px solid var(--line); }
thead th { font-size: 13px; color: var(--muted); font-weight: 600; background: var(--code); }
tbody tr:last-child td, tbody tr:last-child th { border-bottom: 0; }
td ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
table code { overflow-wrap: normal; } tbody th { min-width: 190px; }
.unit { color: var(--muted); } .dim { font-weight: 600; font-size: 13px; } .absent { color: var(--absent); font-style: italic; }
.note { color: var(--muted); font-size: 12px; }
.discrepancies { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 18px;
  margin-bottom: 14px; }
.discrepancies h3 { margin-bottom: 8px; }
details.discrepancy { border-top: 1px solid var(--line); padding: 8px 0; }
details.discrepancy ul { margin: 8px 0; padding-left: 20px; } details.discrepancy li { margin-bottom: 4px; }
.resolution { margin: 4px 0 2px; }
footer { color: var(--muted); font-size: 13px; margin-top: 48px; }
`;

const DIMENSION_LABELS: Record<CatalogDimension, string> = {
  id: 'Id',
  name: 'Name',
  provider: 'Provider',
  contextLength: 'Context length',
  maxOutputTokens: 'Max output',
  inputPrice: 'Input price',
  outputPrice: 'Output price',
  cachedInputPrice: 'Cached input price',
  modalities: 'Modalities',
  capabilities: 'Capabilities',
  status: 'Status',
  created: 'Created',
};

/** The model table's columns: the catalog dimensions, grouped. */
const MODEL_COLUMNS: [string, CatalogDimension[]][] = [
  ['Identity', ['id', 'name', 'provider']],
  ['Limits (tokens)', ['contextLength', 'maxOutputTokens']],
  ['Prices', ['inputPrice', 'outputPrice', 'cachedInputPrice']],
  ['Capabilities and modalities', ['capabilities', 'modalities']],
  ['Status and creation', ['status', 'created']],
];

function dimensionItem(dimension: CatalogDimension, declared: DeclaredDimension | undefined): string {
  const label = `<span class="dim">${DIMENSION_LABELS[dimension]}</span>`;
  if (!declared) return `<li>${label} <span class="absent">not declared</span></li>`;
  if ('absent' in declared) {
    return `<li data-dimension="${dimension}">${label} <span class="absent">not exposed: ${escapeHtml(declared.absent)}</span></li>`;
  }
  const fields = declared.fields
    .map(
      (f) =>
        `<code>${escapeHtml(f.pointer)}</code>${f.label ? ` <span class="unit">(${escapeHtml(f.label)})</span>` : ''}${
          f.note ? ` <span class="unit">${escapeHtml(f.note)}</span>` : ''
        }`,
    )
    .join('<br>');
  return `<li data-dimension="${dimension}">${label} ${fields}</li>`;
}

function modelTable(vendors: readonly VendorSummary[]): string {
  const rows = vendors
    .map((v) => {
      const d = v.models;
      const source = d.operation
        ? `<div class="note">items of <code>${escapeHtml(d.operation)}</code></div>`
        : `<div class="note absent">${d.error ? `declaration unreadable: ${escapeHtml(d.error)}` : 'no x-modelspecs-list catalog declaration'}</div>`;
      const cells = MODEL_COLUMNS.map(
        ([, dims]) =>
          `<td>${d.operation ? `<ul>${dims.map((dim) => dimensionItem(dim, d.dimensions[dim])).join('')}</ul>` : ''}</td>`,
      ).join('\n');
      return `<tr data-vendor="${escapeHtml(v.slug)}">
<th scope="row">${escapeHtml(v.name)}${source}</th>
${cells}
</tr>`;
    })
    .join('\n');
  return `<div class="table-wrap"><table>
<thead><tr><th scope="col">Vendor (list operation)</th>${MODEL_COLUMNS.map(([name]) => `<th scope="col">${name}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`;
}

function card(v: VendorSummary, mockUrl: string): string {
  const slug = escapeHtml(v.slug);
  const downloads = specDownloads(v.slug);
  const auth =
    v.auth.length > 1
      ? `one of:<ul>${v.auth.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>`
      : escapeHtml(v.auth[0] ?? 'none');
  const sources =
    v.sourcePages.length > 0
      ? v.sourcePages
          .map(
            (p) =>
              `${link(p.url)}${p.retrieved ? ` <span class="note">(read ${escapeHtml(p.retrieved)})</span>` : ''}`,
          )
          .join('<br>')
      : '<span class="absent">not given</span>';
  const operations = v.operations
    .map(
      (op) =>
        `<li><span class="method">${escapeHtml(op.method)}</span> <code>${escapeHtml(op.path)}</code>${
          op.summary ? ` ${escapeHtml(op.summary)}` : ''
        }</li>`,
    )
    .join('');
  return `<article class="card" id="vendor-${slug}" data-vendor="${slug}">
<header><h3>${escapeHtml(v.name)}</h3><span class="badge">${escapeHtml(v.version)}</span></header>
<p class="title">${escapeHtml(v.title)}</p>
<dl>
<dt>Base URL</dt><dd><code data-field="base-url">${escapeHtml(v.baseUrl || 'not given')}</code></dd>
<dt>Auth</dt><dd data-field="auth">${auth}</dd>
<dt>API key</dt><dd><code>${escapeHtml(v.envVar)}</code></dd>
<dt>Operations</dt><dd><details class="operations"><summary><span data-field="operation-count">${v.operations.length}</span> operation${v.operations.length === 1 ? '' : 's'}</summary><ul>${operations}</ul></details></dd>
<dt>Source docs</dt><dd>${sources}</dd>
<dt>Discrepancies</dt><dd><a href="#discrepancies-${slug}">${v.discrepancies.length} documented</a></dd>
</dl>
<nav class="links" aria-label="${escapeHtml(v.name)} links">
<a class="primary" href="${slug}/" data-link="reference">API reference</a>
<a href="${slug}/changes.html" data-link="changes">API changes</a>
<a href="${slug}/${escapeHtml(downloads.yaml)}" download data-link="yaml">${escapeHtml(downloads.yaml)}</a>
<a href="${slug}/${escapeHtml(downloads.json)}" download data-link="json">${escapeHtml(downloads.json)}</a>
${link(mockUrl, 'Local mock', { 'data-link': 'mock' })}
</nav>
</article>`;
}

function discrepancy(d: DocDiscrepancy): string {
  const sources = d.sources
    .map((s) => `<li><strong>${proseToHtml(s.source)}</strong>: ${proseToHtml(s.says)}</li>`)
    .join('');
  return `<details class="discrepancy"><summary>${escapeHtml(d.topic)}</summary>
<ul>${sources}</ul>
<p class="resolution"><strong>Resolution:</strong> ${proseToHtml(d.resolution)}</p>
</details>`;
}

function discrepancySection(v: VendorSummary): string {
  const body =
    v.discrepancies.length > 0
      ? v.discrepancies.map(discrepancy).join('\n')
      : '<p class="absent">No discrepancies documented.</p>';
  return `<section class="discrepancies" id="discrepancies-${escapeHtml(v.slug)}" data-vendor="${escapeHtml(v.slug)}">
<h3>${escapeHtml(v.name)} <span class="badge">${v.discrepancies.length}</span></h3>
${body}
</section>`;
}

/**
 * The portal page: a card per vendor, the cross-vendor model table and every vendor's documented discrepancies.
 * Pure: a function of the summaries (read from the specs) and the mock addresses. Every string from a spec is
 * escaped.
 */
export function renderPortal(vendors: readonly VendorSummary[], options: PortalOptions = {}): string {
  const mockUrl = (v: VendorSummary) => options.mockUrls?.[v.slug] ?? v.mockUrl;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>modelspecs API reference</title>
<link rel="icon" href="${FAVICON}">
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>modelspecs API reference</h1>
<p class="lead">OpenAPI 3.1 descriptions of the models APIs of ${vendors.length} AI inference vendor${vendors.length === 1 ? '' : 's'}, written from each vendor's own documentation. Every reference page works offline; the downloads are the bundled specs the pages are rendered from.</p>
<h2 id="vendors">Vendors</h2>
<div class="cards">
${vendors.map((v) => card(v, mockUrl(v))).join('\n')}
</div>
<h2 id="models">What each model object exposes</h2>
<p class="lead">As each spec declares it in <code>x-modelspecs-list.catalog</code>: the field of one listed model that carries each dimension (alternatives in order), the unit and currency of each price, or why the vendor does not expose it. <a href="compare.html">Compare the models</a> the specs' examples list.</p>
${modelTable(vendors)}
<h2 id="discrepancies">Documented discrepancies</h2>
<p class="lead">Where a vendor's sources disagree, the spec accepts every documented form and records the disagreement in <code>x-doc-discrepancies</code>.</p>
${vendors.map(discrepancySection).join('\n')}
<footer>Generated by <code>@modelspecs/docs</code> from <code>specs/*/openapi.yaml</code>; nothing on this page is typed by hand.</footer>
</main>
</body>
</html>
`;
}
