#!/usr/bin/env node
// Mutation testing with Stryker over the packages that declare a scope in their package.json:
//   "modelspecs": { "mutation": {
//     "mutate": ["src/**/*.ts", "!src/cli.ts"],          files to mutate (Stryker globs, relative to the package)
//     "tests": ["test/units.test.ts", "test/checks/**"],  the fast unit tests mutants run against
//     "break": { "src/checks/": 90 },                     minimum score per path prefix; these files may also leave
//                                                         no mutant without coverage
//     "isolate": false                                    optional: the test files share one module graph and
//   } }                                                   one worker kept from mutant to mutant (patches/README.md),
//                                                         which saves re-importing them for every mutant (only for
//                                                         code that keeps no state in its modules: a cache filled
//                                                         under one mutant would still answer under the next)
// Each package's JSON and HTML reports go to reports/mutation/<folder>/; the incremental baseline beside them is
// committed, so a run only tests the mutants of code (and tests) that changed since.
//   node scripts/mutation.mjs [--incremental] [--package <folder>[,<folder>]]
//     --incremental  reuse reports/mutation/<folder>/incremental.json and rewrite it (CI: --baseline-copy)
//     --mutate <glob>[,<glob>], --tests <glob>[,<glob>]  narrow the package's scope or swap its tests (one-off
//                      measurements; the reports then cover only that)
//     --baseline-copy  with --incremental: work on a copy of the baseline under artifacts/, leaving the tree as
//                      committed (what .ci/run does)
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { values } = parseArgs({
  options: {
    incremental: { type: 'boolean' },
    'baseline-copy': { type: 'boolean' },
    package: { type: 'string' },
    mutate: { type: 'string' },
    tests: { type: 'string' },
  },
});

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const scopes = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(root, 'packages', e.name, 'package.json')))
  .map((e) => ({ folder: e.name, dir: join(root, 'packages', e.name) }))
  .map((p) => ({ ...p, scope: readJson(join(p.dir, 'package.json')).modelspecs?.mutation }))
  .filter((p) => p.scope);
const wanted = values.package?.split(',').map((s) => s.trim());
const unknown = wanted?.filter((name) => !scopes.some((s) => s.folder === name)) ?? [];
if (unknown.length > 0) {
  console.error(
    `--package: ${unknown.join(', ')} declares no modelspecs.mutation scope (those that do: ${scopes.map((s) => s.folder).join(', ')})`,
  );
  process.exit(2);
}
const selected = wanted ? scopes.filter((s) => wanted.includes(s.folder)) : scopes;

// Stryker 9's core loads plugins from its own node_modules, which pnpm does not share: name the runner by path.
const { Stryker } = await import('@stryker-mutator/core');
const vitestRunner = require.resolve('@stryker-mutator/vitest-runner');

/** Stryker's mutation score: detected (killed or timed out) over the mutants that ran or had no test. */
function score(mutants) {
  const count = (...statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
  const detected = count('Killed', 'Timeout');
  const valid = detected + count('Survived', 'NoCoverage');
  return { score: valid === 0 ? 100 : (100 * detected) / valid, valid, noCoverage: count('NoCoverage') };
}

const failures = [];
const started = performance.now();
for (const { folder, dir, scope } of selected) {
  const reports = join(root, 'reports', 'mutation', folder);
  mkdirSync(reports, { recursive: true });
  let incrementalFile = join(reports, 'incremental.json');
  if (values.incremental && values['baseline-copy']) {
    // CI: only against a committed baseline, so that its time stays that of the changed code.
    if (!existsSync(incrementalFile)) {
      console.log(
        `${folder}: no committed baseline (reports/mutation/${folder}/incremental.json); skipped. Run pnpm test:mutation --incremental --package ${folder} and commit it.`,
      );
      continue;
    }
    const copy = join(root, 'artifacts', 'mutation', folder, 'incremental.json');
    mkdirSync(dirname(copy), { recursive: true });
    cpSync(incrementalFile, copy);
    incrementalFile = copy;
  }
  const packageStarted = performance.now();
  process.chdir(dir);
  if (values.tests) process.env.MODELSPECS_MUTATION_TESTS = values.tests;
  if (scope.isolate === false) process.env.MODELSPECS_MUTATION_SHARED_MODULES = '1';
  else delete process.env.MODELSPECS_MUTATION_SHARED_MODULES;
  const results = await new Stryker({
    packageManager: 'pnpm',
    plugins: [vitestRunner],
    testRunner: 'vitest',
    vitest: { configFile: join(root, 'vitest.mutation.config.ts'), related: false },
    coverageAnalysis: 'perTest',
    // A static mutant (a module-level constant) needs every test rerun in a fresh process: about half the time of a
    // run for a few percent of the mutants. They are reported as ignored.
    ignoreStatic: true,
    mutate: values.mutate?.split(',') ?? scope.mutate,
    concurrency: 2,
    // A busy machine slows every test; a mutant is only a timeout well past its normal time.
    timeoutMS: 10_000,
    timeoutFactor: 3,
    dryRunTimeoutMinutes: 30,
    incremental: values.incremental === true,
    incrementalFile,
    reporters: ['json', 'html', 'progress', 'clear-text'],
    jsonReporter: { fileName: join(reports, 'mutation.json') },
    htmlReporter: { fileName: join(reports, 'mutation.html') },
    clearTextReporter: { reportScoreTable: true, reportMutants: false, reportTests: false },
    thresholds: { high: 95, low: 90, break: null },
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
  }).runMutationTest();
  process.chdir(root);
  const all = score(results);
  const seconds = Math.round((performance.now() - packageStarted) / 1000);
  console.log(`\n${folder}: ${all.score.toFixed(2)}% of ${all.valid} mutants in ${seconds} s`);
  for (const [prefix, minimum] of Object.entries(scope.break ?? {})) {
    const part = score(results.filter((m) => relative(dir, m.fileName).startsWith(prefix)));
    console.log(`  ${prefix}: ${part.score.toFixed(2)}% of ${part.valid} (break below ${minimum})`);
    if (part.score < minimum) failures.push(`${folder} ${prefix}: ${part.score.toFixed(2)}% < ${minimum}%`);
    if (part.noCoverage > 0)
      failures.push(`${folder} ${prefix}: ${part.noCoverage} mutant(s) without coverage`);
  }
}
console.log(`\nmutation testing took ${Math.round((performance.now() - started) / 1000)} s`);
if (failures.length > 0) {
  console.error(`Mutation score below its threshold:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
