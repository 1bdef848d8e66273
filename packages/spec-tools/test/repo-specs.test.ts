// Every vendor spec of the repo, whatever vendors exist, passes every spec check (linted in one process, as
// `modelspecs-spec lint --all` does).
import { describe, expect, it } from 'vitest';
import { lintSpecFile, loadLintConfig } from '../src/lint.js';
import { discoverVendors } from '../src/vendors.js';
import { repoRoot } from './helpers.js';

const vendors = discoverVendors(repoRoot);
const config = loadLintConfig(repoRoot);

describe('the repo', () => {
  it('has vendor specs to check', () => {
    expect(vendors.length).toBeGreaterThan(0);
  });
});

describe.each(vendors.map((v) => [v.slug, v] as const))('specs/%s/openapi.yaml', (_slug, vendor) => {
  it('passes every spec check', async () => {
    const report = await lintSpecFile(vendor.specFile, repoRoot, { config: await config });
    expect(report.checks.filter((c) => c.problems.length > 0)).toEqual([]);
  });
});
