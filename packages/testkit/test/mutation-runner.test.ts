// Mutation runs (scripts/mutation.mjs) drive vitest the way Stryker's vitest runner does: one Vitest instance, one
// worker, one run per mutant with that mutant's tests as the name pattern, stopping at the first failure. With
// MODELSPECS_MUTATION_SHARED_MODULES=1 (a package's `"isolate": false`), vitest.mutation.config.ts shares one module
// graph and the patch in patches/ keeps the worker from one run to the next. These tests drive the real vitest with the
// root's mutation config over a throwaway package and check what the runs depend on: each run runs the tests its own
// pattern names (the kept worker must not keep the first run's), a failing run stops there and the next one still runs,
// and the worker (its thread) is kept only when the package asks for it.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type NodeRun, removeTempFolders, runNode, tempFolder } from '../src/processes.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const vitestDir = dirname(createRequire(import.meta.url).resolve('vitest/package.json'));

const testFile = `
import { appendFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { expect, inject, it } from 'vitest';
const ran = (name: string) => appendFileSync('ran.txt', \`\${name} \${threadId}\\n\`);
it('alpha', () => ran('alpha'));
it('beta', () => ran('beta'));
it('gamma', () => {
  ran('gamma');
  expect((inject as (key: string) => unknown)('fail')).toBe(false);
});
`;

// One Vitest, one worker, bail at the first failure, a name pattern per run: the options Stryker's runner passes.
const driver = `
import { readFileSync } from 'node:fs';
import { createVitest } from ${JSON.stringify(pathToFileURL(join(vitestDir, 'dist/node.js')).href)};
const runs = [['alpha', false], ['beta', false], ['gamma', true], ['alpha|beta', false]];
const ctx = await createVitest('test', {
  config: ${JSON.stringify(join(root, 'vitest.mutation.config.ts'))},
  pool: 'threads', maxWorkers: 1, maxConcurrency: 1, watch: false, bail: 1,
  coverage: { enabled: false }, reporters: [], onConsoleLog: () => false,
});
const results = [];
for (const [pattern, fail] of runs) {
  ctx.provide('fail', fail);
  ctx.state.filesMap.clear();
  for (const project of ctx.projects) project.config.testNamePattern = new RegExp(pattern);
  await ctx.start(['test/runs.test.ts']);
  const tests = ctx.state.getFiles().flatMap((file) => file.tasks);
  results.push(Object.fromEntries(tests.map((test) => [test.name, test.result?.state ?? 'not run'])));
}
await ctx.close();
const ran = readFileSync('ran.txt', 'utf8').trim().split('\\n').map((line) => line.split(' '));
console.log('RESULT ' + JSON.stringify({ results, ran }));
`;

let dir: string;
let driving: NodeRun | undefined;
beforeAll(() => {
  dir = tempFolder('modelspecs-mutation-runner-');
  mkdirSync(join(dir, 'test'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(vitestDir, join(dir, 'node_modules', 'vitest'), 'dir');
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'runs',
      type: 'module',
      modelspecs: { mutation: { tests: ['test/runs.test.ts'] } },
    }),
  );
  writeFileSync(join(dir, 'test', 'runs.test.ts'), testFile);
  writeFileSync(join(dir, 'driver.mjs'), driver);
});
afterEach(() => {
  driving?.child.kill('SIGKILL');
});
afterAll(removeTempFolders);

async function drive(sharedModules: boolean) {
  rmSync(join(dir, 'ran.txt'), { force: true });
  driving = runNode('driver.mjs', [], dir, { MODELSPECS_MUTATION_SHARED_MODULES: sharedModules ? '1' : '' });
  const { code } = await driving.exit;
  const line = driving
    .stdout()
    .split('\n')
    .find((l) => l.startsWith('RESULT '));
  if (!line)
    throw new Error(`the driver printed no result (exit ${code}):\n${driving.stdout()}\n${driving.stderr()}`);
  return JSON.parse(line.slice('RESULT '.length)) as { results: Record<string, string>[]; ran: string[][] };
}

const expectedRuns = [
  { alpha: 'pass', beta: 'not run', gamma: 'not run' },
  { alpha: 'not run', beta: 'pass', gamma: 'not run' },
  { alpha: 'not run', beta: 'not run', gamma: 'fail' },
  { alpha: 'pass', beta: 'pass', gamma: 'not run' },
];

describe('mutation runs of vitest (vitest.mutation.config.ts and patches/)', () => {
  it('with shared modules, keep one worker for every run, even after a failing one, and run what each run names', async () => {
    const { results, ran } = await drive(true);
    expect(results).toEqual(expectedRuns);
    expect(ran.map(([name]) => name)).toEqual(['alpha', 'beta', 'gamma', 'alpha', 'beta']);
    expect(new Set(ran.map(([, thread]) => thread)).size).toBe(1);
  });

  it('without, start a worker for every run', async () => {
    const { results, ran } = await drive(false);
    expect(results).toEqual(expectedRuns);
    expect(ran.map(([name]) => name)).toEqual(['alpha', 'beta', 'gamma', 'alpha', 'beta']);
    expect(new Set(ran.map(([, thread]) => thread)).size).toBe(4);
  });
});
