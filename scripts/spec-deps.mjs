#!/usr/bin/env node
// Keeps the spec package dependencies of the tools in step with specs/*: a package whose manifest says
// `"modelspecs": { "specPackages": "all" }` depends on every @modelspecs/spec-<slug> of the workspace, so its
// installed copy serves every vendor; with `"clientPackages": "all"` also on every vendor client @modelspecs/<slug>.
// `pnpm check` runs this with --check; --write fixes the manifests.
// The root package depends on every package under packages/, so that the one type check of the repository
// (`//#repo:typecheck`, a TypeScript program over every package's sources and tests) waits for all their builds.
// It also checks the packages whose turbo.json narrows `build` or `test` to named tasks instead of `^build` (so that
// a change to one spec does not rebuild or retest them): the named tasks must cover the builds of the workspace
// packages they import, every one but the spec packages and vendor clients (`dependencies` for build, also
// `devDependencies` for test); and the spec packages' `test:vendor` task must wait for the build of every package
// with per-vendor suites (`test/vendor/`). Those it only reports.
//   node scripts/spec-deps.mjs --check | --write
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { check: { type: 'boolean' }, write: { type: 'boolean' } } });
if (values.check === values.write) {
  console.error('Usage: node scripts/spec-deps.mjs --check | --write');
  process.exit(2);
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const folders = (dir) =>
  readdirSync(join(root, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => join(root, dir, e.name));

const specPackages = folders('specs')
  .map((dir) => readJson(join(dir, 'package.json')).name)
  .sort();
const clientPackages = specPackages.map((name) => name.replace('@modelspecs/spec-', '@modelspecs/'));
const stale = [];
for (const dir of folders('packages')) {
  const file = join(dir, 'package.json');
  const manifest = readJson(file);
  if (manifest.modelspecs?.specPackages !== 'all') continue;
  const clients = manifest.modelspecs.clientPackages === 'all' ? clientPackages : [];
  const others = Object.entries(manifest.dependencies ?? {}).filter(
    ([name]) =>
      (!name.startsWith('@modelspecs/spec-') || name === '@modelspecs/spec-tools') && !clients.includes(name),
  );
  const wanted = Object.fromEntries(
    [...others, ...[...specPackages, ...clients].map((name) => [name, 'workspace:*'])].sort(([a], [b]) =>
      a.localeCompare(b),
    ),
  );
  if (JSON.stringify(wanted) === JSON.stringify(manifest.dependencies ?? {})) continue;
  stale.push(
    `${file.slice(root.length + 1)}: its dependencies must list every spec package under specs/ (${specPackages.join(', ')})${clients.length > 0 ? ' and every vendor client' : ''}`,
  );
  if (values.write)
    writeFileSync(file, `${JSON.stringify({ ...manifest, dependencies: wanted }, null, 2)}\n`);
}
// turbo.json allows comments: whole-line ones are all the repository writes.
const readJsonc = (file) =>
  JSON.parse(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !/^\s*\/\//.test(line))
      .join('\n'),
  );
// The root's devDependencies: every package under packages/, besides the tools the root scripts run.
{
  const file = join(root, 'package.json');
  const manifest = readJson(file);
  const workspace = folders('packages').map((dir) => readJson(join(dir, 'package.json')).name);
  const devDependencies = Object.fromEntries(
    [
      ...Object.entries(manifest.devDependencies ?? {}).filter(
        ([, range]) => !range.startsWith('workspace:'),
      ),
      ...workspace.map((name) => [name, 'workspace:*']),
    ].sort(([a], [b]) => a.localeCompare(b)),
  );
  if (JSON.stringify(devDependencies) !== JSON.stringify(manifest.devDependencies ?? {})) {
    stale.push(
      'package.json: its devDependencies must list every package under packages/ (the repository type check waits for their builds)',
    );
    if (values.write) writeFileSync(file, `${JSON.stringify({ ...manifest, devDependencies }, null, 2)}\n`);
  }
}
const vendorPackages = new Set([...specPackages, ...clientPackages]);
const narrowing = [];
for (const dir of folders('packages')) {
  const turboFile = join(dir, 'turbo.json');
  if (!existsSync(turboFile)) continue;
  const tasks = readJsonc(turboFile).tasks ?? {};
  const manifest = readJson(join(dir, 'package.json'));
  const workspaceDeps = (...fields) =>
    fields
      .flatMap((field) => Object.entries(manifest[field] ?? {}))
      .filter(([name, range]) => range.startsWith('workspace:') && !vendorPackages.has(name))
      .map(([name]) => name);
  for (const [task, fields] of [
    ['build', ['dependencies']],
    ['test', ['dependencies', 'devDependencies']],
  ]) {
    const dependsOn = tasks[task]?.dependsOn;
    if (!dependsOn || dependsOn.includes('^build')) continue;
    const missing = workspaceDeps(...fields).filter((name) => !dependsOn.includes(`${name}#build`));
    if (missing.length > 0)
      narrowing.push(
        `${turboFile.slice(root.length + 1)}: "${task}" must depend on ${missing.map((n) => `"${n}#build"`).join(', ')} (in ${fields.join(' or ')} of its package.json)`,
      );
  }
}
// The per-vendor suites (packages/<tool>/test/vendor) run in each spec package's `test:vendor` task, which must wait
// for the build of every package holding them.
const vendorSuites = readJsonc(join(root, 'turbo.json')).tasks?.['test:vendor']?.dependsOn ?? [];
for (const dir of folders('packages')) {
  if (!existsSync(join(dir, 'test', 'vendor'))) continue;
  const { name } = readJson(join(dir, 'package.json'));
  if (!vendorSuites.includes(`${name}#build`))
    narrowing.push(
      `turbo.json: "test:vendor" must depend on "${name}#build" (${dir.slice(root.length + 1)}/test/vendor holds per-vendor suites)`,
    );
}
if (narrowing.length > 0) {
  console.error(
    `${narrowing.join('\n')}\nAdd them to the task's dependsOn: in a fresh clone the task would otherwise start before what it imports is built.`,
  );
  process.exitCode = 1;
}

if (stale.length === 0) {
  console.log(`spec package dependencies up to date (${specPackages.length} spec packages)`);
} else if (values.write) {
  console.log(`updated ${stale.map((line) => line.split(':')[0]).join(', ')}; run pnpm install to link them`);
} else {
  console.error(
    `${stale.join('\n')}\n` +
      'Run `node scripts/spec-deps.mjs --write && pnpm install` and commit the result.',
  );
  process.exit(1);
}
