// Time to check every vendor against its mock: the mocks start once, then each vendor's checks run ROUNDS times.
// Prints the start-up time, the median per vendor, and the median of a full pass over all vendors.
// Usage: pnpm --filter @modelspecs/conformance bench  (after a build; `pnpm bench` builds first)
import { startMocks } from '@modelspecs/mock';
import { bundleSpec, discoverVendors, findRepoRoot } from '@modelspecs/spec-tools';
import { checkTarget } from '../dist/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const ms = (n) => `${n.toFixed(0).padStart(6)} ms`;
const row = (label, value, note = '') =>
  console.log(`  ${label.padEnd(24)}${ms(value)}${note ? `  ${note}` : ''}`);

const root = findRepoRoot();
const vendors = discoverVendors(root);
const docs = new Map();
for (const vendor of vendors) docs.set(vendor.slug, await bundleSpec(vendor.specFile, root));

const startAt = performance.now();
const mocks = await startMocks({ vendors: vendors.map((v) => v.slug), root });
const startup = performance.now() - startAt;

try {
  const perVendor = new Map(vendors.map((v) => [v.slug, []]));
  const totals = [];
  const checks = new Map();
  for (let round = 0; round < ROUNDS; round++) {
    const roundStart = performance.now();
    for (const vendor of vendors) {
      const t0 = performance.now();
      const report = await checkTarget({
        doc: docs.get(vendor.slug),
        vendor,
        baseUrl: mocks.urls[vendor.slug],
        target: 'mock',
        decidedBy: 'started by the benchmark',
      });
      perVendor.get(vendor.slug).push(performance.now() - t0);
      if (report.summary.failed > 0)
        throw new Error(`${vendor.slug}: ${report.summary.failed} check(s) failed`);
      checks.set(vendor.slug, report.summary);
    }
    totals.push(performance.now() - roundStart);
  }
  console.log(`conformance bench: ${vendors.length} vendors against their mocks, median of ${ROUNDS} rounds`);
  row(`start ${vendors.length} mocks`, startup);
  for (const vendor of vendors) {
    const s = checks.get(vendor.slug);
    row(
      vendor.slug,
      median(perVendor.get(vendor.slug)),
      `(${s.total} checks: ${s.passed} passed, ${s.skipped} skipped)`,
    );
  }
  row('all vendors, checks', median(totals));
  row('all vendors, end to end', startup + median(totals), '(mock start-up + one pass)');
} finally {
  await mocks.stop();
}
