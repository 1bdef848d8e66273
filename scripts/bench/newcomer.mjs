// The newcomer's first minute, measured on fresh clones of a commit with an empty turbo cache (no remote cache):
// `pnpm start` until every mock and the API reference answer (fresh, then again with nothing changed), `pnpm test`
// from scratch, and `pnpm test` again after a one-line change to one spec (how long, and how many tasks rerun).
//   node scripts/bench/newcomer.mjs [--commit <rev>] [--only start|test] [--smoke] [--json <file>]
//   node scripts/bench/newcomer.mjs --warm-here [--runs 3]
// --smoke measures `pnpm start` the same way but narrows both test runs to the client package of the changed spec.
// --warm-here times `pnpm start` in this checkout, with its own turbo cache settings, once to warm up and then --runs
// times.
//   node scripts/bench/newcomer.mjs --rerun [--spec <slug>]
// lists, without running anything, the tasks of `pnpm test` in this checkout whose hashes change after a one-line
// change to specs/<slug>/openapi.yaml (turbo's dry run before and after; the file is restored).
import { spawn } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { freePortBase } from '@modelspecs/mock';
import { freshClone, root, run, scratch, turbo, turboDry, turboEnv } from '../remote-cache/clones.mjs';
import { TICKS_PER_SECOND, treeCpuSeconds } from './lib.mjs';

const READY_TIMEOUT_MS = 45 * 60_000;

/** The clone's vendors' mock ports, as offsets from the lowest (what `--port-base` keeps). */
function mockOffsets(dir) {
  const ports = readdirSync(join(dir, 'specs'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map(
      (e) => JSON.parse(readFileSync(join(dir, 'specs', e.name, 'package.json'), 'utf8')).modelspecs.mockPort,
    );
  const lowest = Math.min(...ports);
  return ports.map((p) => p - lowest);
}

const answers = async (url, wantOk) => {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return wantOk ? response.ok : true;
  } catch {
    return false;
  }
};

/**
 * Seconds from `pnpm start` to every mock answering and the API reference serving its portal, with the CPU-seconds
 * of its process tree and the 1-minute load average before and after; then stops it. `env` replaces the clone's.
 */
export async function timeStart(dir, env = turboEnv(dir, undefined)) {
  const loadBefore = loadavg()[0];
  const offsets = mockOffsets(dir);
  const base = await freePortBase([...offsets, 1000]);
  const docsPort = base + 1000;
  const started = performance.now();
  const child = spawn('pnpm', ['start', '--', '--port-base', String(base), '--docs-port', String(docsPort)], {
    cwd: dir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let exitCode;
  void exited.then((code) => (exitCode = code));
  try {
    for (;;) {
      if (exitCode !== undefined)
        throw new Error(`pnpm start exited (${exitCode}) before answering:\n${output.slice(-3000)}`);
      if (performance.now() - started > READY_TIMEOUT_MS)
        throw new Error(`pnpm start not ready:\n${output.slice(-3000)}`);
      const up = await Promise.all([
        ...offsets.map((o) => answers(`http://127.0.0.1:${base + o}/`, false)),
        answers(`http://127.0.0.1:${docsPort}/`, true),
      ]);
      if (up.every(Boolean))
        return {
          seconds: (performance.now() - started) / 1000,
          cpu: treeCpuSeconds(child.pid),
          load: [loadBefore, loadavg()[0]],
        };
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    try {
      process.kill(-child.pid, 'SIGINT');
    } catch {}
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, 30_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * What `pnpm test` hands `turbo run` in `dir`, read from its root package.json (`turbo run <tasks> [flags]`): the
 * tasks and flags such as `--concurrency`, so that the benchmark runs what a newcomer's `pnpm test` runs.
 */
function testArgs(dir) {
  const script = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts.test;
  const args = /^turbo run ([^&|;]+)$/.exec(script)?.[1].split(/\s+/).filter(Boolean);
  if (!args?.some((arg) => !arg.startsWith('-'))) {
    throw new Error(`the test script is not one \`turbo run <tasks>\`: ${script}`);
  }
  return args;
}

/** `pnpm test` (through turbo, with a run summary) in a clone: seconds, status and how many tasks ran vs were cached. */
function timeTest(dir, filter) {
  const before = childCpuSeconds();
  const result = turbo(
    dir,
    // Narrowed to one package, `test` alone: the spec packages' `test:vendor` is not in it, and its task in any other
    // package (where it has no script) would still wait for the builds of the tools with per-vendor suites.
    [...(filter ? ['test', `--filter=${filter}`] : testArgs(dir)), '--continue'],
    turboEnv(dir, undefined),
    {
      allowFailure: true,
    },
  );
  const cpu = childCpuSeconds() - before;
  const ran = result.tasks.filter((t) => t.cache.status !== 'HIT' && t.command !== '<NONEXISTENT>');
  return {
    seconds: result.seconds,
    cpu,
    passed: result.status === 0,
    tasks: result.tasks.length,
    ran: ran.map((t) => t.taskId),
  };
}

/** CPU seconds of this process's children that have ended (turbo and everything it ran, once it has exited). */
function childCpuSeconds() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

/** The vendor whose spec the one-line change goes to: the first by name. */
function firstSpec(dir) {
  return readdirSync(join(dir, 'specs')).sort()[0];
}

/** A one-line change to one vendor's spec (a YAML comment: it changes every hash that reads the spec). */
function touchOneSpec(dir, slug = firstSpec(dir)) {
  appendFileSync(join(dir, 'specs', slug, 'openapi.yaml'), '# one-line change\n');
  return slug;
}

/**
 * The tasks of `pnpm test` in `dir` whose hashes change after a one-line change to specs/<slug>/openapi.yaml, from
 * turbo's dry runs before and after (nothing runs; the spec is restored). `rerun` lists the tasks with a command,
 * `changed` every task whose hash moved (also those of packages without that script, which run nothing).
 */
export function rerunAfterSpecChange(dir, slug) {
  const env = turboEnv(dir, undefined);
  const args = testArgs(dir);
  const specFile = join(dir, 'specs', slug, 'openapi.yaml');
  const original = readFileSync(specFile);
  const before = new Map(turboDry(dir, args, env).map((t) => [t.taskId, t.hash]));
  let after;
  try {
    touchOneSpec(dir, slug);
    after = turboDry(dir, args, env);
  } finally {
    writeFileSync(specFile, original);
  }
  const changed = after.filter((t) => before.get(t.taskId) !== t.hash);
  const withCommand = (list) => list.filter((t) => t.command !== '<NONEXISTENT>');
  const ids = (list) => list.map((t) => t.taskId).sort();
  return {
    tasks: after.length,
    runnable: withCommand(after).length,
    changed: ids(changed),
    rerun: ids(withCommand(changed)),
  };
}

const progress = (line) => console.error(`newcomer: ${line}`);
const cpuNote = (cpu, load) =>
  `${cpu.toFixed(cpu < 20 ? 1 : 0)} CPU-s${load ? `, load ${load.map((l) => l.toFixed(1)).join('-')}` : ''}`;

/** The figures above for `commit`; `parts` narrows them to the `start` or the `test` ones. */
export async function measureNewcomer({
  commit,
  smoke = false,
  parts = ['start', 'test'],
  keep = false,
} = {}) {
  const figures = [];
  const work = scratch('newcomer-bench');
  try {
    if (parts.includes('start')) {
      const clone = freshClone(join(work, 'start'), commit);
      progress(
        `cloned and installed ${commit.slice(0, 10)} in ${clone.seconds.toFixed(0)} s; pnpm start, fresh`,
      );
      const fresh = await timeStart(clone.dir);
      progress(`fresh pnpm start: ${fresh.seconds.toFixed(1)} s; again, warm`);
      const warm = await timeStart(clone.dir);
      const method =
        'a fresh clone of the commit, pnpm install, empty turbo cache, no remote cache: seconds from `pnpm start` until every mock and the API reference answer; CPU-seconds of its process tree';
      const command = `node scripts/bench/newcomer.mjs --commit ${commit.slice(0, 10)} --only start`;
      figures.push(
        {
          id: 'newcomer.start.fresh',
          label: 'pnpm start, fresh clone, empty cache',
          value: fresh.seconds,
          unit: 's',
          note: cpuNote(fresh.cpu, fresh.load),
          method,
          command,
        },
        {
          id: 'newcomer.start.warm',
          label: 'pnpm start again, nothing changed',
          value: warm.seconds,
          unit: 's',
          note: cpuNote(warm.cpu, warm.load),
          method: `${method}; again in the same clone, nothing changed`,
          command,
        },
      );
    }
    if (parts.includes('test')) {
      const clone = freshClone(join(work, 'test'), commit);
      progress(
        `cloned and installed ${commit.slice(0, 10)} in ${clone.seconds.toFixed(0)} s; pnpm test, fresh`,
      );
      // The smoke run narrows both runs to the client package of the spec the one-line change goes to (its tests
      // read that spec, so the second run has something to rerun).
      const slug = firstSpec(clone.dir);
      const filter = smoke ? `@modelspecs/${slug}` : undefined;
      const scope = smoke ? ` (smoke: --filter=${filter})` : '';
      const method = `a fresh clone of the commit, pnpm install, empty turbo cache, no remote cache: \`pnpm test\`${filter ? ` narrowed to ${filter}` : ''}; CPU-seconds of its process tree`;
      const command = `node scripts/bench/newcomer.mjs --commit ${commit.slice(0, 10)} --only test`;
      const fresh = timeTest(clone.dir, filter);
      progress(`fresh pnpm test: ${fresh.seconds.toFixed(0)} s; again after a one-line spec change`);
      figures.push({
        id: 'newcomer.test.fresh',
        label: `pnpm test, fresh clone, empty cache${scope}`,
        value: fresh.seconds,
        unit: 's',
        note: `${cpuNote(fresh.cpu)}, ${fresh.ran.length}/${fresh.tasks} tasks ran${fresh.passed ? '' : ', SOME FAILED'}`,
        method,
        command,
      });
      touchOneSpec(clone.dir, slug);
      const incremental = timeTest(clone.dir, filter);
      figures.push({
        id: 'newcomer.test.incremental',
        label: `pnpm test after a one-line change to specs/${slug}${scope}`,
        value: incremental.seconds,
        unit: 's',
        note: `${cpuNote(incremental.cpu)}, ${incremental.ran.length}/${incremental.tasks} tasks reran${incremental.passed ? '' : ', SOME FAILED'}: ${incremental.ran.join(' ')}`,
        method: `${method}; again after a one-line change to the spec (the tasks that reran are the turbo tasks not restored from the cache)`,
        command,
      });
    }
    return figures;
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      commit: { type: 'string' },
      smoke: { type: 'boolean' },
      only: { type: 'string' },
      json: { type: 'string' },
      'warm-here': { type: 'boolean' },
      runs: { type: 'string', default: '3' },
      rerun: { type: 'boolean' },
      spec: { type: 'string' },
    },
  });
  if (values['warm-here']) {
    await timeStart(root, process.env);
    for (let i = 0; i < Number(values.runs); i++) {
      const warm = await timeStart(root, process.env);
      console.log(
        `pnpm start again, nothing changed: ${warm.seconds.toFixed(1)} s  ${cpuNote(warm.cpu, warm.load)}`,
      );
    }
    process.exit(0);
  }
  if (values.rerun) {
    const slug = values.spec ?? readdirSync(join(root, 'specs')).sort()[0];
    const result = rerunAfterSpecChange(root, slug);
    console.log(
      `after a one-line change to specs/${slug}/openapi.yaml: ${result.rerun.length} of ${result.runnable} tasks with a command rerun (${result.changed.length} of ${result.tasks} task hashes change)`,
    );
    for (const id of result.rerun) console.log(`  ${id}`);
    if (values.json) writeFileSync(values.json, `${JSON.stringify({ slug, ...result }, null, 2)}\n`);
    process.exit(0);
  }
  const commit = values.commit ?? run('git', ['rev-parse', 'HEAD']).output.trim();
  const parts = values.only ? [values.only] : undefined;
  const figures = await measureNewcomer({ commit, smoke: values.smoke, parts });
  for (const f of figures)
    console.log(`${f.label.padEnd(60)} ${f.value.toFixed(1).padStart(7)} ${f.unit}  ${f.note ?? ''}`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ commit, figures }, null, 2)}\n`);
}
