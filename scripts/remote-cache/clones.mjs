// Fresh clones of this repository built by turbo against a shared remote cache: what the end-to-end check of the
// cache (e2e.mjs, run by .ci/run) and its benchmark (bench.mjs, run by `pnpm bench`) both drive.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TEAM = 'modelspecs';

/** startCacheServer() of the built @modelspecs/cache-server. */
export async function loadCacheServer() {
  const lib = join(root, 'packages', 'cache-server', 'dist', 'index.js');
  if (!existsSync(lib)) {
    throw new Error(
      `${relative(root, lib)} is missing: run \`pnpm turbo run build --filter=@modelspecs/cache-server\` first.`,
    );
  }
  return (await import(pathToFileURL(lib).href)).startCacheServer;
}

export const newToken = () => randomBytes(24).toString('hex');
export const scratch = (name) => mkdtempSync(join(tmpdir(), `modelspecs-${name}-`));

/** Runs a command; throws with its output when it fails, unless `allowFailure`. */
export function run(command, args, { cwd, env, allowFailure = false } = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (!allowFailure && (result.error || result.status !== 0)) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd ?? process.cwd()}) failed: ${result.error?.message ?? `exit ${result.status}`}\n${output.slice(-4000)}`,
    );
  }
  return { status: result.status, output, seconds };
}

// Settings of turbo's own that the caller's shell may carry (a shared local cache folder, a real team's token)
// and that must not leak into the clones: each clone starts cold and talks only to the server it is given.
const TURBO_SETTINGS = /^TURBO_/;

/** The environment of a turbo run in `dir`: its own, empty local cache, and the given remote cache (or none). */
export function turboEnv(dir, remote, extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !TURBO_SETTINGS.test(name)));
  return {
    ...env,
    TURBO_TELEMETRY_DISABLED: '1',
    REDOCLY_TELEMETRY: 'off',
    DO_NOT_TRACK: '1',
    TURBO_CACHE_DIR: join(dir, '.turbo', 'cache'),
    ...(remote ? { TURBO_API: remote.url, TURBO_TOKEN: remote.token, TURBO_TEAM: TEAM } : {}),
    ...extra,
  };
}

/** The commit checked out here: clones are made of it, resolved once so that every clone of a run is the same. */
export const headCommit = () => run('git', ['rev-parse', 'HEAD'], { cwd: root }).output.trim();

/** `commit` of this repository, cloned into `dir` and installed from the pnpm store (no download). */
export function freshClone(dir, commit) {
  const cloned = run('git', ['clone', '--quiet', '--no-checkout', root, dir]);
  run('git', ['checkout', '--quiet', '--detach', commit], { cwd: dir });
  const install = run('pnpm', ['install', '--frozen-lockfile', '--offline', '--reporter=silent'], {
    cwd: dir,
    env: turboEnv(dir, undefined),
  });
  return { dir, commit, seconds: cloned.seconds + install.seconds };
}

/** `turbo run <args> --summarize` in a clone: exit status, output, seconds, and turbo's run summary (per task). */
export function turbo(dir, args, env, { allowFailure = false } = {}) {
  const runs = join(dir, '.turbo', 'runs');
  const before = new Set(existsSync(runs) ? readdirSync(runs) : []);
  const bin = join(dir, 'node_modules', '.bin', 'turbo');
  const result = run(bin, ['run', ...args, '--summarize', '--ui=stream'], { cwd: dir, env, allowFailure });
  const written = existsSync(runs) ? readdirSync(runs).filter((name) => !before.has(name)) : [];
  const summary = written.length === 1 ? JSON.parse(readFileSync(join(runs, written[0]), 'utf8')) : undefined;
  if (!summary && !allowFailure) throw new Error(`turbo ${args.join(' ')} wrote no run summary in ${runs}`);
  return { ...result, tasks: summary?.tasks ?? [] };
}

/** `turbo run <args> --dry=json` in a clone: the tasks turbo would run, with their hashes, without running them. */
export function turboDry(dir, args, env) {
  const bin = join(dir, 'node_modules', '.bin', 'turbo');
  const result = spawnSync(bin, ['run', ...args, '--dry=json'], {
    cwd: dir,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(`turbo run ${args.join(' ')} --dry=json failed:\n${result.stderr}`);
  return JSON.parse(result.stdout).tasks;
}

/** How a run's tasks were served: counts, and the ids of the tasks that were not remote hits. */
export function cacheReport(tasks) {
  const remoteHits = tasks.filter((t) => t.cache.status === 'HIT' && t.cache.source === 'REMOTE');
  const hits = tasks.filter((t) => t.cache.status === 'HIT');
  return {
    total: tasks.length,
    hits: hits.length,
    remoteHits: remoteHits.length,
    notRemote: tasks.filter((t) => !remoteHits.includes(t)).map((t) => t.taskId),
    misses: tasks.filter((t) => t.cache.status !== 'HIT').map((t) => t.taskId),
  };
}

function walk(dir, into) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, into);
    else if (entry.isFile()) into.push(path);
  }
}

/**
 * Every file the tasks of a run declare as `outputs`, with its SHA-256, keyed by path in the clone. Our outputs are
 * all folders (`dist/**`); another form of glob is reported rather than silently skipped.
 */
export function outputDigests(dir, tasks) {
  const digests = new Map();
  for (const task of tasks) {
    for (const glob of task.outputs ?? []) {
      if (!glob.endsWith('/**') || glob.slice(0, -3).includes('*')) {
        throw new Error(
          `${task.taskId}: output glob "${glob}" is not a folder/**; teach outputDigests() about it`,
        );
      }
      const folder = join(dir, task.directory, glob.slice(0, -3));
      if (!existsSync(folder) || !statSync(folder).isDirectory()) continue;
      const files = [];
      walk(folder, files);
      for (const file of files) {
        digests.set(relative(dir, file), createHash('sha256').update(readFileSync(file)).digest('hex'));
      }
    }
  }
  return digests;
}
