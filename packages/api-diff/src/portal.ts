import { join } from 'node:path';
import { type Vendor, writeFilesAtomically } from '@modelspecs/spec-tools';
import { changesByKind } from './format.js';
import { diffVendor, type VendorDiff } from './gate.js';
import { type ReleasedChanges, readHistory } from './history.js';
import { type ApiChange, type ChangeKind, KIND_TITLES } from './kinds.js';

// Text from a spec is untrusted: everything printed goes through this.
const escapeText = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function changeList(groups: [ChangeKind, readonly ApiChange[]][]): string {
  if (groups.length === 0) return '<p>No API change.</p>';
  return groups
    .map(
      ([kind, list]) =>
        `<h3 class="${kind}">${KIND_TITLES[kind]} (${list.length})</h3><ul>${list
          .map(
            (c) =>
              `<li>${c.operation ? `<code>${escapeText(c.operation)}</code> ` : ''}${escapeText(c.what)} <small><code>${escapeText(c.location)}</code></small></li>`,
          )
          .join('')}</ul>`,
    )
    .join('\n');
}

const byKind = (changes: readonly ApiChange[]) =>
  (['breaking', 'added', 'changed', 'docs'] as const)
    .map((kind) => [kind, changes.filter((c) => c.kind === kind)] as [ChangeKind, ApiChange[]])
    .filter(([, list]) => list.length > 0);

/** The "API changes" page of one vendor: the pending changes against the baseline, then every release's. */
export function renderChangesPage(
  vendor: Vendor,
  pending: VendorDiff,
  history: readonly ReleasedChanges[],
): string {
  const releases = history
    .map(
      (r) =>
        `<section><h2>${escapeText(vendor.specPackage)} ${escapeText(r.version)} <small>${escapeText(r.date)} · ${escapeText(r.level)}</small></h2>\n${changeList(byKind(r.changes))}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeText(vendor.slug)}: API changes</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}h3.breaking{color:#b00020}code{font-size:.9em}small{color:#555}</style>
</head>
<body>
<p><a href="../index.html">All vendors</a> · <a href="index.html">${escapeText(vendor.slug)} reference</a></p>
<h1>${escapeText(vendor.slug)}: API changes</h1>
<section><h2>Unreleased <small>against ${escapeText(pending.baseline)} · ${escapeText(pending.level)}</small></h2>
${changeList(changesByKind(pending))}</section>
${releases || '<p>No release recorded yet.</p>'}
</body>
</html>
`;
}

/** Writes `<out>/<slug>/changes.html` for each vendor (spec changes only: the portal build needs no client build). */
export async function writeChangesPages(
  root: string,
  vendors: readonly Vendor[],
  out: string,
): Promise<string[]> {
  const files = [];
  for (const vendor of vendors) {
    const pending = await diffVendor(root, vendor, { types: false });
    files.push({
      path: join(out, vendor.slug, 'changes.html'),
      content: renderChangesPage(vendor, pending, readHistory(vendor)),
    });
  }
  writeFilesAtomically(files);
  return files.map((f) => f.path);
}
