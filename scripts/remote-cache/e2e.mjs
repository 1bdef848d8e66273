#!/usr/bin/env node
// The shared build cache, end to end on loopback (run by .ci/run: it builds fresh clones, too slow for `pnpm test`).
// A real turborepo-remote-cache (through @modelspecs/cache-server) on a free port with a throwaway token and folder;
// fresh clones of the committed HEAD, each with its own empty local cache, built by the real turbo:
//   1. clone A builds with the write token (what a build of main does) and runs the tests of a few packages;
//   2. clone B, a pull request's build (read-only server, --cache=local:rw,remote:r): every task a remote hit, the
//      outputs byte-identical to A's local build, the tests replayed from the cache;
//   3. one spec changed in B: only that vendor's chain misses, nothing is written to the cache, that vendor's client
//      test gets a new hash, while another vendor's client test and client-runtime's (whose own tests read no spec)
//      keep theirs (a cached result is reused only for unchanged inputs);
//   4. a wrong token: turbo builds locally and says the cache refused it; a read token cannot upload even when the
//      build asks to; 5. the server down: the build still succeeds.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cacheReport,
  freshClone,
  headCommit,
  loadCacheServer,
  newToken,
  outputDigests,
  root,
  scratch,
  turbo,
  turboDry,
  turboEnv,
} from './clones.mjs';

const work = scratch('remote-cache-e2e');
const storage = join(work, 'storage');
const writeToken = newToken();
const readToken = newToken();
const startCacheServer = await loadCacheServer();
const commit = headCommit();

let passed = 0;
const ok = (what) => {
  passed++;
  console.log(`ok ${passed} - ${what}`);
};
const artifactCount = () => {
  try {
    return readdirSync(join(storage, 'modelspecs')).length;
  } catch {
    return 0;
  }
};

// The vendor whose spec changes, and the packages whose tests share the cache: derived, so a new vendor needs nothing.
const vendors = readdirSync(join(root, 'specs'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
  .map((entry) => entry.name)
  .sort();
const [changed, untouched] = vendors;
const testFilters = [
  '--filter=@modelspecs/client-runtime',
  `--filter=@modelspecs/${changed}`,
  `--filter=@modelspecs/${untouched}`,
];

const servers = [];
try {
  const writer = await startCacheServer({
    env: { TURBO_TOKEN: writeToken, STORAGE_PATH: storage, PORT: '0' },
  });
  servers.push(writer);
  const reader = await startCacheServer({
    env: { TURBO_TOKEN: readToken, STORAGE_PATH: storage, PORT: '0', READ_ONLY: 'true' },
  });
  servers.push(reader);
  const main = { url: writer.url, token: writeToken };
  const pullRequest = { url: reader.url, token: readToken };
  const PR_CACHE = '--cache=local:rw,remote:r';

  // 1. A build of main fills the cache.
  const a = freshClone(join(work, 'a'), commit);
  const aEnv = turboEnv(a.dir, main);
  const aBuild = turbo(a.dir, ['build'], aEnv);
  const aReport = cacheReport(aBuild.tasks);
  assert.ok(aReport.total > 0, 'the build ran no task');
  assert.equal(
    aReport.hits,
    0,
    `a fresh clone on an empty cache had hits: ${aReport.total - aReport.misses.length}`,
  );
  assert.equal(artifactCount(), aReport.total, 'not every task of the build of main reached the cache');
  const aOutputs = outputDigests(a.dir, aBuild.tasks);
  assert.ok(aOutputs.size > 0, 'the build declared no output files');
  ok(`clone A (no cache): ${aReport.total} tasks run in ${aBuild.seconds.toFixed(1)} s, all uploaded`);

  const aTest = turbo(a.dir, ['test', ...testFilters], aEnv);
  const aTestTasks = aTest.tasks.filter((t) => t.task === 'test');
  assert.equal(aTestTasks.length, 3, `expected three test tasks, got ${aTestTasks.map((t) => t.taskId)}`);
  ok(`clone A ran ${aTestTasks.map((t) => t.taskId).join(', ')} in ${aTest.seconds.toFixed(1)} s`);

  // 2. A pull request's fresh clone reads the cache: everything from it, byte for byte.
  const b = freshClone(join(work, 'b'), commit);
  const bEnv = turboEnv(b.dir, pullRequest);
  const bBuild = turbo(b.dir, ['build', PR_CACHE], bEnv);
  const bReport = cacheReport(bBuild.tasks);
  assert.equal(bReport.total, aReport.total);
  assert.deepEqual(bReport.notRemote, [], 'tasks of clone B that were not remote cache hits');
  ok(
    `clone B (warm remote cache): ${bReport.remoteHits}/${bReport.total} tasks remote hits in ${bBuild.seconds.toFixed(1)} s`,
  );

  const bOutputs = outputDigests(b.dir, bBuild.tasks);
  const differing = [...new Set([...aOutputs.keys(), ...bOutputs.keys()])].filter(
    (path) => aOutputs.get(path) !== bOutputs.get(path),
  );
  assert.deepEqual(
    differing,
    [],
    'output files that differ between the local build (A) and the cache replay (B)',
  );
  ok(`clone B's ${bOutputs.size} output files are byte-identical to clone A's local build`);

  const bTest = turbo(b.dir, ['test', ...testFilters, PR_CACHE], bEnv);
  // The build tasks come from B's own local cache now; every task B had not run yet must come from the server.
  const bTestReport = cacheReport(bTest.tasks);
  const built = new Set(bBuild.tasks.map((t) => t.taskId));
  const fresh = bTest.tasks.filter((t) => !built.has(t.taskId));
  assert.deepEqual(bTestReport.misses, [], 'test-run tasks of clone B that missed the cache');
  assert.ok(fresh.length > 0, 'the test run had no task beyond the build');
  assert.deepEqual(
    cacheReport(fresh).notRemote,
    [],
    'test-run tasks of clone B not replayed from the remote cache',
  );
  ok(
    `clone B replayed ${fresh.map((t) => t.taskId).join(', ')} from the remote cache (${bTest.seconds.toFixed(1)} s)`,
  );

  // 3. One spec changes: only that vendor's chain runs, and the pull request writes nothing.
  const specFile = join(b.dir, 'specs', changed, 'openapi.yaml');
  const spec = readFileSync(specFile, 'utf8');
  const title = /^(info:\n {2}title: )([^\n'"][^\n]*)$/m;
  assert.match(spec, title, `specs/${changed}/openapi.yaml: expected a plain info.title to change`);
  writeFileSync(specFile, spec.replace(title, '$1$2 (changed)'));
  const artifactsBefore = artifactCount();
  const cBuild = turbo(b.dir, ['build', PR_CACHE], bEnv);
  const cReport = cacheReport(cBuild.tasks);
  const byId = new Map(cBuild.tasks.map((t) => [t.taskId, t]));
  const chain = new Set();
  const follow = (id) => {
    if (chain.has(id) || !byId.has(id)) return;
    chain.add(id);
    for (const next of byId.get(id).dependents ?? []) follow(next);
  };
  for (const task of cBuild.tasks) if (task.package === `@modelspecs/spec-${changed}`) follow(task.taskId);
  assert.deepEqual([...cReport.misses].sort(), [...chain].sort(), 'tasks that missed after one spec changed');
  // The chain itself must not reach another vendor: its spec and its client are cache hits.
  const otherVendors = readdirSync(join(b.dir, 'specs')).filter((slug) => slug !== changed);
  assert.deepEqual(
    cReport.misses.filter((id) =>
      otherVendors.some(
        (slug) => id.startsWith(`@modelspecs/${slug}#`) || id.startsWith(`@modelspecs/spec-${slug}#`),
      ),
    ),
    [],
    "another vendor's tasks ran after one spec changed",
  );
  assert.ok(
    cReport.misses.includes(`@modelspecs/${changed}#build`),
    'the client of the changed spec was not rebuilt',
  );
  assert.equal(cReport.hits, cReport.total - chain.size);
  assert.equal(artifactCount(), artifactsBefore, "the pull request's build wrote to the cache");
  ok(
    `after a change to specs/${changed}: only ${cReport.misses.join(', ')} ran; ${cReport.hits} hits; nothing written`,
  );

  // A test's hash follows the specs it reads: a vendor client's only its own, client-runtime's none (its own tests
  // use a made-up vendor; each spec's facts are per-vendor suites).
  const dry = turboDry(b.dir, ['test', ...testFilters, PR_CACHE], bEnv);
  const hashNow = (task) => {
    const after = dry.find((t) => t.taskId === task.taskId);
    assert.ok(after, `${task.taskId} is missing from the dry run`);
    return after.hash;
  };
  const changedSpec = aTestTasks.find((t) => t.package === `@modelspecs/${changed}`);
  const ownSpec = aTestTasks.find((t) => t.package === `@modelspecs/${untouched}`);
  const noSpec = aTestTasks.find((t) => t.package === '@modelspecs/client-runtime');
  assert.notEqual(
    hashNow(changedSpec),
    changedSpec.hash,
    `${changedSpec.taskId} reads specs/${changed} but would reuse a result computed on its old version`,
  );
  assert.equal(
    hashNow(ownSpec),
    ownSpec.hash,
    `${ownSpec.taskId} reads only specs/${untouched} but would rerun after a change to specs/${changed}`,
  );
  assert.equal(
    hashNow(noSpec),
    noSpec.hash,
    `${noSpec.taskId} reads no spec but would rerun after a change to specs/${changed}`,
  );
  ok(
    `after a change to specs/${changed}: ${changedSpec.taskId} no longer matches its cached result; ${ownSpec.taskId} (reads specs/${untouched} only) and ${noSpec.taskId} (reads no spec) still do`,
  );

  // 4. A wrong token is refused, and turbo says so; a read token cannot upload even when the build asks to.
  const sibling = `@modelspecs/spec-${untouched}`;
  const wrong = turbo(
    b.dir,
    ['build', `--filter=${sibling}`, '--only'],
    turboEnv(b.dir, { url: writer.url, token: newToken() }, { TURBO_CACHE_DIR: join(work, 'cold-1') }),
  );
  assert.equal(wrong.status, 0);
  assert.deepEqual(cacheReport(wrong.tasks).misses, [`${sibling}#build`]);
  assert.match(wrong.output, /failed to contact remote cache.*401 Unauthorized/);
  ok('a wrong token: the task ran locally and turbo reported the cache refused it (401)');

  const forced = turbo(
    b.dir,
    ['build', `--filter=${sibling}`, '--only', '--force'],
    turboEnv(b.dir, pullRequest, { TURBO_CACHE_DIR: join(work, 'cold-2') }),
  );
  assert.equal(forced.status, 0);
  assert.match(forced.output, /failed to contact remote cache.*read-only mode/);
  assert.equal(artifactCount(), artifactsBefore, 'the read-only server accepted an upload');
  ok('a read token cannot upload: the read-only server refused it and the build still passed');

  // 5. The server is down: the build does not need it.
  await Promise.all(servers.map((server) => server.stop()));
  const down = turbo(
    b.dir,
    ['build', `--filter=${sibling}`, '--only'],
    turboEnv(b.dir, main, { TURBO_CACHE_DIR: join(work, 'cold-3') }),
  );
  assert.equal(down.status, 0);
  assert.deepEqual(cacheReport(down.tasks).misses, [`${sibling}#build`]);
  assert.match(down.output, /could not connect to the cache|failed to contact remote cache/);
  ok('the server down: the build ran locally and passed');

  console.log(`\n${passed} passed, 0 failed`);
} catch (error) {
  console.error(`not ok ${passed + 1} - ${error.stack ?? error}`);
  console.log(`\n${passed} passed, 1 failed`);
  process.exitCode = 1;
} finally {
  await Promise.all(servers.map((server) => server.stop()));
  if (process.exitCode) console.error(`Left for inspection: ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
