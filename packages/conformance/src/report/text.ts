import type { CheckResult, ConformanceReport, Summary, VendorReport } from '../types.js';

const STATUS_LABEL = { pass: 'PASS', fail: 'FAIL', skipped: 'SKIP' } as const;

export const formatSummary = (s: Summary): string =>
  `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`;

function resultLines(result: CheckResult): string[] {
  const head = `${STATUS_LABEL[result.status]}  ${result.operationId} ${result.method} ${result.path}  ${result.check}`;
  const lines = [result.reason ? `${head}: ${result.reason}` : head];
  for (const v of result.violations ?? []) lines.push(`        ${v.pointer || '(root)'}: ${v.message}`);
  return lines;
}

function vendorLines(vendor: VendorReport): string[] {
  const { target } = vendor;
  return [
    `${vendor.vendor} (${vendor.name}) at ${target.baseUrl}: ${target.kind} (${target.decidedBy})${target.writes ? '' : ', read-only'}`,
    ...vendor.results.flatMap(resultLines),
    `${vendor.vendor}: ${formatSummary(vendor.summary)} in ${vendor.durationMs} ms`,
  ];
}

/** One line per operation and check (violations indented below a failure), a line per vendor, and the total. */
export function formatText(report: ConformanceReport): string {
  const blocks = report.vendors.map((v) => vendorLines(v).join('\n'));
  return `${[...blocks, `Summary: ${formatSummary(report.summary)}`].join('\n\n')}\n`;
}
