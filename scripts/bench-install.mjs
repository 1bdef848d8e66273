#!/usr/bin/env node
// Benchmark of what a user installs (part of `pnpm bench`): each public package packed and installed alone with
// npm in an empty folder (with the tarballs of the @modelspecs packages it depends on), reported as the number of
// packages and MB of node_modules; then the start time of `modelspecs-conformance --help` and
// `modelspecs-mock --help` from that install (median of --runs). Uses npm's cache first (--prefer-offline).
// --write-readmes puts each package's figures between the `<!-- install-size -->` markers of its README.
//   node scripts/bench-install.mjs [--runs 7] [--package @modelspecs/mock] [--write-readmes]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { emptyProject, installSize, npmInstall, packAll, publicPackages, userEnv } from './lib/packages.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    package: { type: 'string', multiple: true },
    'write-readmes': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs: "${values.runs}" is not a positive whole number`);
  process.exit(2);
}

const packages = publicPackages();
const manifests = Object.fromEntries(
  packages.map((p) => [p.name, JSON.parse(readFileSync(join(p.dir, 'package.json'), 'utf8'))]),
);
/** The package and every @modelspecs package it needs at run time (dependencies, not optional peers). */
function closure(name, seen = new Set()) {
  if (seen.has(name) || !manifests[name]) return seen;
  seen.add(name);
  for (const dep of Object.keys(manifests[name].dependencies ?? {})) closure(dep, seen);
  return seen;
}

const MARKERS = /<!-- install-size -->[\s\S]*?<!-- \/install-size -->/;
function writeReadme(name, count, mb) {
  const file = join(packages.find((p) => p.name === name).dir, 'README.md');
  if (!existsSync(file)) return;
  const text = readFileSync(file, 'utf8');
  if (!MARKERS.test(text)) return;
  const line =
    `Install size: ${count} package${count === 1 ? '' : 's'}, ${mb.toFixed(1)} MB ` +
    '(`npm install` of the packed package in an empty folder, measured by `scripts/bench-install.mjs`).';
  writeFileSync(file, text.replace(MARKERS, `<!-- install-size -->\n${line}\n<!-- /install-size -->`));
}

const tarballDir = emptyProject('modelspecs-bench-tarballs-');
const tarballs = packAll(tarballDir);
const selected = values.package ?? packages.map((p) => p.name);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(
  `modelspecs install benchmark: npm ${spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout.trim()}, Node ${process.version}\n`,
);
console.log('package                          packages      MB   --help ms (median)');
try {
  for (const name of selected) {
    if (!tarballs[name]) {
      console.error(`--package: ${name} is not a public package of the workspace`);
      process.exitCode = 2;
      continue;
    }
    const dir = emptyProject('modelspecs-bench-install-');
    try {
      npmInstall(
        dir,
        [...closure(name)].map((n) => tarballs[n]),
        ['--prefer-offline'],
      );
      const { packages: count, mb } = installSize(dir);
      let help = '';
      for (const [bin, target] of Object.entries(manifests[name].bin ?? {})) {
        if (!bin.startsWith('modelspecs-') || bin === 'modelspecs-spec') continue;
        const file = join(dir, 'node_modules', name, target);
        const times = [];
        for (let i = 0; i < runs; i++) {
          const began = performance.now();
          const run = spawnSync(process.execPath, [file, '--help'], {
            cwd: dir,
            env: userEnv(),
            encoding: 'utf8',
          });
          times.push(performance.now() - began);
          if (run.status !== 0) throw new Error(`${bin} --help exited ${run.status}: ${run.stderr}`);
        }
        const bare = [];
        for (let i = 0; i < runs; i++) {
          const began = performance.now();
          spawnSync(process.execPath, ['-e', ''], { cwd: dir });
          bare.push(performance.now() - began);
        }
        help = `${bin} ${median(times).toFixed(0)} (node alone ${median(bare).toFixed(0)})`;
      }
      console.log(`${name.padEnd(32)} ${String(count).padStart(8)} ${mb.toFixed(1).padStart(7)}   ${help}`);
      if (values['write-readmes']) writeReadme(name, count, mb);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  rmSync(tarballDir, { recursive: true, force: true });
}
