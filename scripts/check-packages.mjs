#!/usr/bin/env node
// The packages as a registry gets them: each public package of the workspace (every package.json under packages/ and
// specs/ that is not private) packed with `pnpm pack`, and that tarball checked by publint (strict) and attw (the
// ESM-only profile): testkit's `packageProblems`. Run by `pnpm check:packages` (after the build), which `pnpm check`
// and so CI run; `pnpm test` does not pack. Nothing is written outside the system's temp folder.
//   node scripts/check-packages.mjs [<package folder>...]   (default: every public package, built)
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { packageProblems } from '@modelspecs/testkit';
import { publicPackages } from './lib/packages.mjs';

const USAGE =
  'Usage: node scripts/check-packages.mjs [<package folder>...]   (default: every public package)';

function fail(message) {
  console.error(`check-packages: ${message}\n${USAGE}`);
  process.exit(2);
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const flag = args.find((arg) => arg.startsWith('-'));
if (flag) fail(`unknown option "${flag}"`);

const packages =
  args.length > 0
    ? args.map((arg) => {
        const dir = resolve(arg);
        const manifest = join(dir, 'package.json');
        if (!existsSync(manifest)) fail(`${arg}: no package.json in this folder`);
        let name;
        try {
          name = JSON.parse(readFileSync(manifest, 'utf8')).name;
        } catch (error) {
          fail(`${manifest}: not valid JSON (${error.message})`);
        }
        return { name: typeof name === 'string' ? name : arg, dir };
      })
    : publicPackages();

/** Checks the packages, a few at a time (each check waits on a `pnpm pack` process). */
async function checkAll() {
  const results = new Array(packages.length);
  let next = 0;
  async function worker() {
    while (next < packages.length) {
      const i = next++;
      const { name, dir } = packages[i];
      try {
        results[i] = { name, problems: await packageProblems(dir) };
      } catch (error) {
        results[i] = { name, problems: [`could not be checked: ${error?.message ?? error}`] };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(2, availableParallelism()) }, worker));
  return results;
}

const results = await checkAll();
let failed = 0;
for (const { name, problems } of results) {
  if (problems.length === 0) {
    console.log(`ok   ${name}`);
    continue;
  }
  failed++;
  console.log(`FAIL ${name}`);
  for (const problem of problems) console.log(`     ${problem}`);
}
console.log(
  failed === 0
    ? `${results.length} packages pass publint and attw`
    : `${failed} of ${results.length} packages have problems: fix them (or the package.json that ships them), build, and run this again`,
);
process.exitCode = failed === 0 ? 0 : 1;
