// Time to classify every spec against its previous version, in one process with Optic's libraries.
// The previous version is the spec as it was before the last commit that changed it (the released baseline when
// the history has only one version). Prints the first pass (module load included), then the median of ROUNDS passes.
// Usage: pnpm --filter @modelspecs/api-diff bench  (after a build; `pnpm bench` builds first)
const loadStart = performance.now();
const { execFileSync } = await import('node:child_process');
const { relative } = await import('node:path');
const { discoverVendors, findRepoRoot } = await import('@modelspecs/spec-tools');
const { baselineSpec, classifySpec, currentSpec } = await import('../dist/index.js');
const load = performance.now() - loadStart;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (n) => `${n.toFixed(0).padStart(6)} ms`;
const row = (label, value, note = '') =>
  console.log(`  ${label.padEnd(28)}${ms(value)}${note ? `  ${note}` : ''}`);

const root = findRepoRoot();
const vendors = discoverVendors(root);

function previousCommit(vendor) {
  const log = execFileSync('git', ['log', '--format=%H', '-n', '2', '--', relative(root, vendor.specFile)], {
    cwd: root,
    encoding: 'utf8',
  });
  return log.trim().split('\n')[1];
}

const pairs = [];
for (const vendor of vendors) {
  const commit = previousCommit(vendor);
  pairs.push({
    vendor,
    against: commit ? commit.slice(0, 10) : 'released baseline',
    from: await baselineSpec(vendor, root, commit),
    to: await currentSpec(vendor, root),
  });
}

async function pass() {
  const start = performance.now();
  const results = [];
  for (const pair of pairs) {
    const t0 = performance.now();
    const result = await classifySpec(pair.from, pair.to, pair.vendor.slug);
    results.push({ pair, result, time: performance.now() - t0 });
  }
  return { total: performance.now() - start, results };
}

const first = await pass();
const totals = [first.total];
const perVendor = new Map(first.results.map((r) => [r.pair.vendor.slug, [r.time]]));
for (let round = 1; round < ROUNDS; round++) {
  const next = await pass();
  totals.push(next.total);
  for (const r of next.results) perVendor.get(r.pair.vendor.slug).push(r.time);
}

console.log(
  `api-diff bench: classify ${vendors.length} specs against their previous versions (Optic in-process)`,
);
row('load modules', load);
row(
  `first pass, ${vendors.length} specs`,
  first.total,
  `load + first pass: ${(load + first.total).toFixed(0)} ms`,
);
row(`median pass of ${ROUNDS}`, median(totals));
for (const r of first.results) {
  const changes = r.result.changes.length;
  row(
    `  ${r.pair.vendor.slug}`,
    median(perVendor.get(r.pair.vendor.slug)),
    `vs ${r.pair.against}: ${r.result.level}, ${changes} change(s)`,
  );
}
