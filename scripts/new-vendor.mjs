#!/usr/bin/env node
// `pnpm new-vendor <slug> --name "<display name>" --env-var <VAR> --port <mock port> [--client-name <Name>]
// [--base-url <https URL>]`: scaffolds specs/<slug> and packages/<slug> (modelspecs-spec new-vendor, which writes
// nothing on bad input), then does what a new spec package needs elsewhere: the tools that serve every spec depend
// on it (scripts/spec-deps.mjs), the vendor tables list it (modelspecs-spec tables), and its files are formatted as
// the repository's (Biome).
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const specTools = join(root, 'packages', 'spec-tools', 'bin', 'modelspecs-spec.js');
const run = (file, args) => execFileSync(process.execPath, [file, ...args], { cwd: root, stdio: 'inherit' });

try {
  run(specTools, ['new-vendor', ...process.argv.slice(2)]);
} catch (error) {
  process.exit(error.status ?? 1);
}
const slug = process.argv[2];
run(join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome'), [
  'format',
  '--write',
  join('specs', slug),
  join('packages', slug),
]);
run(join(root, 'scripts', 'spec-deps.mjs'), ['--write']);
run(specTools, ['tables']);
console.log('\nNext: pnpm install && pnpm build, then fill in the spec from the vendor documentation.');
