/** Columns padded to their widest cell, with a rule under the header; a column with no value is left out. */
export function formatColumns(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const kept = header.map((_, i) => i).filter((i) => rows.some((row) => (row[i] ?? '') !== ''));
  const width = new Map(
    kept.map((i) => [i, Math.max(header[i]!.length, ...rows.map((r) => (r[i] ?? '').length))]),
  );
  const line = (cell: (i: number) => string) =>
    kept
      .map((i) => cell(i).padEnd(width.get(i)!))
      .join('  ')
      .trimEnd();
  return [
    line((i) => header[i]!),
    line((i) => '-'.repeat(width.get(i)!)),
    ...rows.map((row) => line((i) => row[i] ?? '')),
  ].join('\n');
}
