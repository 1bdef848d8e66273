#!/usr/bin/env node
// Keeps the spec package dependencies of the tools in step with specs/*: a package whose manifest says
// `"modelspecs": { "specPackages": "all" }` depends on every @modelspecs/spec-<slug> of the workspace, so its
// installed copy serves every vendor; with `"clientPackages": "all"` also on every vendor client @modelspecs/<slug>.
// `pnpm check` runs this with --check; --write fixes the manifests.
//   node scripts/spec-deps.mjs --check | --write
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  stale.push(file.slice(root.length + 1));
  if (values.write)
    writeFileSync(file, `${JSON.stringify({ ...manifest, dependencies: wanted }, null, 2)}\n`);
}
if (stale.length === 0) {
  console.log(`spec package dependencies up to date (${specPackages.length} spec packages)`);
} else if (values.write) {
  console.log(`updated ${stale.join(', ')}; run pnpm install to link them`);
} else {
  console.error(
    `${stale.join(', ')}: the dependencies must list every spec package under specs/ (${specPackages.join(', ')}).\n` +
      'Run `node scripts/spec-deps.mjs --write && pnpm install` and commit the result.',
  );
  process.exit(1);
}
