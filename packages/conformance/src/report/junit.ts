import type { CheckResult, ConformanceReport, VendorReport } from '../types.js';

/** Escapes text for an XML attribute or element and drops the characters XML 1.0 cannot carry at all. */
export function xmlEscape(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

const attrs = (values: Record<string, string | number>) =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${xmlEscape(String(value))}"`)
    .join('');

function testcase(vendor: VendorReport, result: CheckResult): string {
  const open = `    <testcase${attrs({
    classname: `${vendor.vendor}.${result.operationId}`,
    name: `${result.method} ${result.path} ${result.check}`,
    time: 0,
  })}`;
  if (result.status === 'pass') return `${open}/>`;
  if (result.status === 'skipped') {
    return `${open}>\n      <skipped${attrs({ message: result.reason ?? 'skipped' })}/>\n    </testcase>`;
  }
  const details = (result.violations ?? []).map((v) => `${v.pointer || '(root)'}: ${v.message}`);
  const first = result.violations?.[0];
  const message = first ? `${first.pointer || '(root)'}: ${first.message}` : (result.reason ?? result.check);
  return `${open}>\n      <failure${attrs({ message, type: result.check })}>${xmlEscape(
    [...(result.reason ? [result.reason] : []), ...details].join('\n'),
  )}</failure>\n    </testcase>`;
}

function testsuite(vendor: VendorReport): string {
  const { summary, target } = vendor;
  return [
    `  <testsuite${attrs({
      name: vendor.vendor,
      tests: summary.total,
      failures: summary.failed,
      errors: 0,
      skipped: summary.skipped,
      time: (vendor.durationMs / 1000).toFixed(3),
    })}>`,
    '    <properties>',
    `      <property${attrs({ name: 'vendor', value: vendor.name })}/>`,
    `      <property${attrs({ name: 'baseUrl', value: target.baseUrl })}/>`,
    `      <property${attrs({ name: 'target', value: `${target.kind} (${target.decidedBy})` })}/>`,
    '    </properties>',
    ...vendor.results.map((r) => testcase(vendor, r)),
    '  </testsuite>',
  ].join('\n');
}

/** JUnit XML: a testsuite per vendor, a testcase per operation and check, `<failure>` and `<skipped message>`. */
export function formatJunit(report: ConformanceReport): string {
  const { summary } = report;
  const time = report.vendors.reduce((t, v) => t + v.durationMs, 0) / 1000;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({
      name: 'modelspecs-conformance',
      tests: summary.total,
      failures: summary.failed,
      errors: 0,
      skipped: summary.skipped,
      time: time.toFixed(3),
    })}>`,
    ...report.vendors.map(testsuite),
    '</testsuites>',
    '',
  ].join('\n');
}
