#!/usr/bin/env node
// Benchmark of what a user installs (part of `pnpm bench`): each public package packed and installed alone with
// npm in an empty folder (with the tarballs of the @modelspecs packages it depends on), reported as the number of
// packages and MB of node_modules; then the start time of `modelspecs-conformance --help` and
// `modelspecs-mock --help` from that install (median of --runs). Uses npm's cache first (--prefer-offline).
//   node scripts/bench-install.mjs [--runs 7] [--package @modelspecs/mock]
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { emptyProject, installSize, npmInstall, packAll, publicPackages, userEnv } from './lib/packages.mjs';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, package: { type: 'string', multiple: true } },
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
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  rmSync(tarballDir, { recursive: true, force: true });
}
