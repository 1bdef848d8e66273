import type { VendorDiff } from './gate.js';
import { type ApiChange, type ChangeKind, KIND_TITLES } from './kinds.js';

export const FORMATS = ['text', 'json', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

const KINDS: readonly ChangeKind[] = ['breaking', 'added', 'changed', 'docs'];

/** Every change of a vendor, spec then types, grouped by kind in the order people read them. */
export function changesByKind(diff: VendorDiff): [ChangeKind, ApiChange[]][] {
  const all = [...diff.spec.changes, ...(diff.types ?? [])];
  return KINDS.map((kind) => [kind, all.filter((c) => c.kind === kind)] as [ChangeKind, ApiChange[]]).filter(
    ([, list]) => list.length > 0,
  );
}

/** One change in a line: operation, location and what changed. */
export function describeChange(change: ApiChange): string {
  const where = change.operation ? `${change.operation} ` : '';
  return `${where}${change.what} (at ${change.location}; ${change.source})`;
}

function required(diff: VendorDiff): string {
  const parts = [
    diff.required.spec ? `${diff.specPackage} ${diff.required.spec}` : '',
    diff.required.client ? `${diff.clientPackage} ${diff.required.client}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no release';
}

function text(diffs: readonly VendorDiff[], problems: readonly string[]): string {
  const lines: string[] = [];
  for (const diff of diffs) {
    lines.push(
      `${diff.vendor}: ${diff.level} against ${diff.baseline}${diff.spec.isNew ? ' (new spec)' : ''}`,
    );
    lines.push(`  bump required: ${required(diff)}`);
    for (const [kind, list] of changesByKind(diff)) {
      lines.push(`  ${KIND_TITLES[kind]} (${list.length})`);
      for (const change of list) lines.push(`    - ${describeChange(change)}`);
    }
  }
  if (problems.length > 0) lines.push('', 'Release gate failed:', ...problems.map((p) => `  ${p}`));
  return `${lines.join('\n')}\n`;
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

export function markdownChanges(diff: VendorDiff, headingLevel = 3): string {
  const lines: string[] = [];
  for (const [kind, list] of changesByKind(diff)) {
    lines.push(`${'#'.repeat(headingLevel)} ${KIND_TITLES[kind]}`, '');
    for (const change of list) {
      const where = change.operation ? `${code(change.operation)}: ` : '';
      lines.push(`- ${where}${change.what.replace(/\|/g, '\\|')} (${code(change.location)})`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function markdown(diffs: readonly VendorDiff[], problems: readonly string[]): string {
  const lines = ['## API changes', '', '| vendor | classification | bump required |', '|---|---|---|'];
  for (const diff of diffs) lines.push(`| ${diff.vendor} | ${diff.level} | ${required(diff)} |`);
  lines.push('');
  if (problems.length > 0) {
    lines.push('> [!CAUTION]', '> The release gate fails:', ...problems.map((p) => `> - ${p}`), '');
  }
  for (const diff of diffs.filter((d) => d.level !== 'none')) {
    lines.push(
      `<details><summary>${diff.vendor}: ${diff.level}</summary>`,
      '',
      markdownChanges(diff, 4),
      '</details>',
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

export function render(format: Format, diffs: readonly VendorDiff[], problems: readonly string[]): string {
  if (format === 'json') return `${JSON.stringify({ vendors: diffs, problems }, null, 2)}\n`;
  return format === 'markdown' ? markdown(diffs, problems) : text(diffs, problems);
}
