#!/usr/bin/env node
// `pnpm bench`: every figure of BENCHMARKS.md in one run, side by side.
//   pnpm bench [--smoke] [--json <file>] [--markdown <file>] [--only <section,...>]
// --smoke runs each section briefly (one round, short runs, the test figures narrowed to one package) and fails
// when a figure is missing or not a number: it checks that the script still works, not the values.
// --markdown rewrites the figures between the markers of that file (BENCHMARKS.md).
// A workspace package adds its own figures with a `bench:figures` script: it is run with the path of a JSON file
// to write ({ "figures": [{ id, label, value, unit, note?, method?, command? }] }) and BENCH_SMOKE=1 in smoke runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureCliHelp } from './bench/cli-help.mjs';
import { machine, root, workspacePackages } from './bench/lib.mjs';
import { measureNewcomer } from './bench/newcomer.mjs';
import { measureRequests } from './bench/requests.mjs';
import { measureServices } from './bench/services.mjs';
import { measureSizes } from './bench/sizes.mjs';

process.env.TURBO_TELEMETRY_DISABLED ??= '1';
process.env.REDOCLY_TELEMETRY ??= 'off';
process.env.DO_NOT_TRACK ??= '1';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    smoke: { type: 'boolean', default: false },
    json: { type: 'string' },
    markdown: { type: 'string' },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(
    readFileSync(new URL(import.meta.url), 'utf8')
      .split('\n')
      .slice(1, 8)
      .join('\n')
      .replaceAll('// ', ''),
  );
  process.exit(0);
}
const smoke = values.smoke;
const commit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();

/** Figures of the packages that offer a `bench:figures` script. */
function packageFigures() {
  const figures = [];
  for (const { dir, manifest } of workspacePackages()) {
    if (!manifest.scripts?.['bench:figures']) continue;
    const scratch = mkdtempSync(join(tmpdir(), 'modelspecs-bench-figures-'));
    try {
      const out = join(scratch, 'figures.json');
      const result = spawnSync('pnpm', ['run', '--silent', 'bench:figures', out], {
        cwd: join(root, dir),
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, ...(smoke ? { BENCH_SMOKE: '1' } : {}) },
      });
      if (result.status !== 0) throw new Error(`${manifest.name}: bench:figures exited ${result.status}`);
      for (const f of JSON.parse(readFileSync(out, 'utf8')).figures) {
        figures.push({ command: `pnpm --filter ${manifest.name} run bench:figures <file>`, ...f });
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return figures;
}

const sections = {
  requests: () => measureRequests({ smoke }),
  sizes: () => measureSizes(),
  services: () => measureServices({ smoke }),
  cli: () => measureCliHelp({ smoke }),
  newcomer: () => measureNewcomer({ commit, smoke }),
  packages: () => packageFigures(),
};
const chosen = values.only ? values.only.split(',') : Object.keys(sections);
for (const name of chosen) {
  if (!sections[name]) {
    console.error(
      `bench: --only: unknown section "${name}"; the sections are ${Object.keys(sections).join(', ')}.`,
    );
    process.exit(2);
  }
}

const started = new Date();
const results = [];
const problems = [];
for (const name of chosen) {
  console.error(`bench: ${name}...`);
  try {
    const figures = await sections[name]();
    if (name !== 'packages' && figures.length === 0) problems.push(`${name}: no figures`);
    for (const f of figures) {
      if (!Number.isFinite(f.value)) problems.push(`${name}: ${f.id} is ${f.value}`);
      results.push({ section: name, ...f });
      console.log(
        `${f.label.padEnd(60)} ${formatValue(f).padStart(10)} ${f.unit}${f.note ? `  ${f.note}` : ''}`,
      );
    }
  } catch (error) {
    problems.push(`${name}: ${error.stack ?? error}`);
  }
}

function formatValue(f) {
  return Math.abs(f.value) >= 100 ? f.value.toFixed(0) : f.value.toFixed(Number.isInteger(f.value) ? 0 : 1);
}

const run = {
  date: started.toISOString(),
  commit,
  smoke,
  machine: machine(),
  figures: results,
};
if (values.json) writeFileSync(values.json, `${JSON.stringify(run, null, 2)}\n`);
if (values.markdown) writeMarkdown(values.markdown, run);

function writeMarkdown(file, { date, commit: at, machine: m, figures }) {
  const BEGIN = '<!-- bench:figures:begin -->';
  const END = '<!-- bench:figures:end -->';
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a === -1 || b < a) throw new Error(`${file}: the markers ${BEGIN} and ${END} are missing`);
  const cell = (s) => String(s ?? '').replaceAll('|', '\\|');
  const rows = figures.map(
    (f) =>
      `| ${cell(f.label)} | ${formatValue(f)} ${cell(f.unit)} | ${cell(f.note)} | ${cell(f.method)} | \`${cell(f.command)}\` |`,
  );
  const table = [
    `Run of ${date.slice(0, 16).replace('T', ' ')} UTC on commit ${at.slice(0, 10)}${smoke ? ' (smoke: not figures to quote)' : ''};`,
    `machine: ${m.cores} × ${m.cpu}, Node ${m.node}, load average at the end ${m.loadAverage}.`,
    '',
    '| figure | value | compared | method | reproduce |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  writeFileSync(file, `${text.slice(0, a + BEGIN.length)}\n${table}\n${text.slice(b)}`);
}

if (problems.length > 0) {
  console.error(`\nbench: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.error(`\nbench: ${results.length} figures${smoke ? ' (smoke)' : ''}.`);
