#!/usr/bin/env node
// A sixth vendor from `pnpm new-vendor` alone, end to end (run by .ci/run: it installs and builds a fresh clone, too
// slow for `pnpm test`). In a fresh clone of HEAD:
//   1. bad input (an existing slug, a bad slug, a mock port taken, a missing flag) is refused, naming the flag, and
//      writes nothing;
//   2. `pnpm new-vendor acme-cloud ...` scaffolds the vendor; then, with no other edit: pnpm install, the build,
//      the spec lint, the client package's own tests (package checks, README types, the client against its mock),
//      the tools' per-vendor suites run by its spec package's `test:vendor` task,
//      the conformance checker against the new mock, the rendered reference of the new spec, and the repository
//      checks (spec package links, vendor tables, generated code, formatting) all pass.
//   node scripts/new-vendor-e2e.mjs [--keep]
// The new package's dependencies are resolved anew (--prefer-offline: the registry only for metadata the store lacks).
// TURBO_CACHE_DIR, when set, is used by the clone's builds (outputs are keyed by content, so a warm cache is safe).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freshClone, headCommit, run, scratch, turboEnv } from './remote-cache/clones.mjs';

const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });
const started = process.hrtime.bigint();
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

const work = scratch('new-vendor');
const dir = join(work, 'repo');
// biome-ignore lint/suspicious/noUndeclaredEnvVars: read by this script, run outside turbo, never by a turbo task.
const sharedCache = process.env.TURBO_CACHE_DIR;
const env = turboEnv(dir, undefined, sharedCache ? { TURBO_CACHE_DIR: sharedCache } : {});
const inClone = (command, args) => run(command, args, { cwd: dir, env, allowFailure: true });
const pnpm = (...args) => inClone('pnpm', args);
const node = (...args) => inClone(process.execPath, args);
const status = () => run('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: dir }).output;

try {
  console.log(`-- fresh clone in ${dir}`);
  freshClone(dir, headCommit());
  const built = pnpm('turbo', 'run', 'build', '--filter=@modelspecs/spec-tools', '--output-logs=errors-only');
  check(built.status === 0, `spec-tools builds${built.status === 0 ? '' : `\n${built.output.slice(-2000)}`}`);

  console.log('-- bad input is refused and writes nothing');
  const clean = status();
  const refusals = [
    [
      ['tensoras', '--name', 'Again', '--env-var', 'AGAIN_API_KEY', '--port', '4090'],
      /<slug> "tensoras".*already exists/,
    ],
    [
      ['Acme_Cloud', '--name', 'Acme', '--env-var', 'ACME_API_KEY', '--port', '4090'],
      /<slug> "Acme_Cloud": use lower-case/,
    ],
    [
      ['acme-cloud', '--name', 'Acme', '--env-var', 'ACME_API_KEY', '--port', '4010'],
      /--port 4010: already the mock port of tensoras/,
    ],
    [['acme-cloud', '--name', 'Acme', '--env-var', 'ACME_API_KEY'], /--port required/],
    [['acme-cloud', '--name', 'Acme', '--env-var', 'acme', '--port', '4090'], /--env-var "acme"/],
  ];
  for (const [args, message] of refusals) {
    const refused = node('scripts/new-vendor.mjs', ...args);
    check(
      refused.status === 2 && message.test(refused.output) && status() === clean,
      `new-vendor ${args.join(' ')}: exit 2, says ${message}, writes nothing${refused.status === 2 ? '' : ` (exit ${refused.status}: ${refused.output.slice(-500)})`}`,
    );
  }

  console.log('-- pnpm new-vendor acme-cloud, then no other edit');
  const scaffolded = pnpm(
    'new-vendor',
    'acme-cloud',
    '--name',
    'Acme Cloud',
    '--env-var',
    'ACME_CLOUD_API_KEY',
    '--port',
    '4090',
  );
  check(
    scaffolded.status === 0,
    `new-vendor scaffolds acme-cloud${scaffolded.status === 0 ? '' : `\n${scaffolded.output}`}`,
  );
  const spec = readFileSync(join(dir, 'specs', 'acme-cloud', 'openapi.yaml'), 'utf8');
  check(
    spec.includes("from '@modelspecs/acme-cloud'") && !/from '@modelspecs\/(?!acme-cloud')/.test(spec),
    "the spec's code samples import the new vendor's own package",
  );

  const steps = [
    ['pnpm install', () => pnpm('install', '--prefer-offline', '--no-frozen-lockfile', '--reporter=silent')],
    [
      'build and type check',
      () => pnpm('turbo', 'run', 'build', 'repo:typecheck', '--output-logs=errors-only'),
    ],
    [
      'spec lint',
      () => pnpm('turbo', 'run', 'lint', '--filter=@modelspecs/spec-acme-cloud', '--output-logs=errors-only'),
    ],
    [
      'client package tests (with its mock)',
      () => pnpm('turbo', 'run', 'test', '--filter=@modelspecs/acme-cloud', '--output-logs=errors-only'),
    ],
    [
      "the tools' per-vendor suites (declarations, the mock, model table, conformance against its mock)",
      () =>
        pnpm(
          'turbo',
          'run',
          'test:vendor',
          '--filter=@modelspecs/spec-acme-cloud',
          '--output-logs=errors-only',
        ),
    ],
    [
      'conformance against the mock',
      () => node('packages/conformance/bin/modelspecs-conformance.js', '--vendor', 'acme-cloud'),
    ],
    [
      'rendered reference',
      () =>
        node(
          'packages/docs/bin/modelspecs-docs.js',
          'build',
          '--vendor',
          'acme-cloud',
          '--out',
          join(work, 'site'),
        ),
    ],
    ['spec package links', () => node('scripts/spec-deps.mjs', '--check')],
    ['vendor tables', () => node('packages/spec-tools/bin/modelspecs-spec.js', 'tables', '--check')],
    [
      'generated code',
      () =>
        pnpm(
          'turbo',
          'run',
          'generate:check',
          '--filter=@modelspecs/acme-cloud',
          '--output-logs=errors-only',
        ),
    ],
    ['formatting', () => pnpm('exec', 'biome', 'ci', '.')],
  ];
  for (const [what, step] of steps) {
    const result = step();
    check(
      result.status === 0,
      `${what} (${result.seconds.toFixed(0)} s)${result.status === 0 ? '' : `\n${result.output.slice(-3000)}`}`,
    );
  }

  const site = join(work, 'site');
  const pages = existsSync(site) ? readdirSync(site, { recursive: true }).map(String) : [];
  const reference = pages.find((p) => p.includes('acme-cloud') && p.endsWith('.html'));
  check(
    reference !== undefined && readFileSync(join(site, reference), 'utf8').includes('Acme Cloud Models API'),
    `the reference of acme-cloud is rendered (${reference ?? 'no page'})`,
  );
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  check(
    readme.includes('`@modelspecs/acme-cloud`') && readme.includes('ACME_CLOUD_API_KEY'),
    'README.md lists the new vendor',
  );
} finally {
  if (values.keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (failures.length > 0) {
  console.error(`\n${failures.length} check(s) failed (${seconds.toFixed(0)} s).`);
  process.exit(1);
}
console.log(
  `\nA scaffolded vendor installs, builds, lints, mocks, renders and conforms (${seconds.toFixed(0)} s).`,
);
