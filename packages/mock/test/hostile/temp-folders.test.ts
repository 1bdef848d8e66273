// The mocks' temporary spec folders never outlive a run, however it ends: SIGKILL of the command during start-up
// or after it, or SIGKILL of the command and every Prism process at once (a cancelled CI job, the OOM killer), in
// which case the next start removes what was left.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverVendors } from '@modelspecs/spec-tools';
import { type NodeRun, runNode } from '@modelspecs/testkit';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { sweepAbandonedScratch } from '../../src/scratch.js';
import { cliBin, eventually, isRunning, mockChildren, vendorsRoot } from '../support/helpers.js';

const [first, second] = discoverVendors(vendorsRoot);
const vendors = `${first!.slug},${second!.slug}`;

// Each test gets its own system temporary folder (TMPDIR), so that what is left there is what the run left.
const folders: string[] = [];
const running: NodeRun[] = [];
const strays: number[] = [];
afterEach(() => {
  for (const run of running.splice(0)) run.child.kill('SIGKILL');
  for (const pid of strays.splice(0)) killGroup(pid);
});
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function privateTmp(): string {
  const folder = mkdtempSync(join(tmpdir(), 'modelspecs-hostile-tmp-'));
  folders.push(folder);
  return folder;
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
}

function cli(tmp: string): NodeRun {
  const run = runNode(cliBin, ['--vendor', vendors], vendorsRoot, {
    MODELSPECS_ROOT: vendorsRoot,
    TMPDIR: tmp,
  });
  running.push(run);
  return run;
}

// Under load a Prism process can take many seconds to load before its watchdog sees its parent is gone.
const EXIT_GUARD_MS = 180_000;

const isReady = (run: NodeRun) => run.stdout().includes('Ctrl-C stops them');
const left = (tmp: string) => readdirSync(tmp);

async function ready(run: NodeRun): Promise<void> {
  await Promise.race([
    eventually(() => isReady(run), 'the mocks are ready', 120_000),
    run.exit.then(({ code }) => {
      throw new Error(`exited with ${code} before it was ready: ${run.stderr()}`);
    }),
  ]);
}

/** Waits until the command has started its first Prism process, and returns that process's pid. */
async function firstPrism(run: NodeRun): Promise<number[]> {
  await eventually(() => mockChildren(run.child.pid).length > 0, 'a Prism process has started', 60_000);
  return mockChildren(run.child.pid);
}

function allExited(prisms: number[]): Promise<void> {
  return eventually(
    () => prisms.every((pid) => !isRunning(pid)),
    'the Prism processes have exited',
    EXIT_GUARD_MS,
  );
}

/** The processes whose command line names a path inside `tmp` (Prism names its spec file), found through /proc. */
function processesUsing(tmp: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`${tmp}/`) && isRunning(Number(pid));
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * SIGKILLs the command, then waits until every Prism process it started (those still loading included) has
 * exited, and expects the temporary folder to be empty by then.
 */
async function killAndAwaitCleanUp(run: NodeRun, prisms: number[], tmp: string): Promise<void> {
  run.child.kill('SIGKILL');
  await run.exit;
  await allExited(prisms);
  await eventually(() => processesUsing(tmp).length === 0, `no process uses ${tmp}`, EXIT_GUARD_MS);
  // The watchdog removes a Prism process's folder on its way out.
  expect(left(tmp)).toEqual([]);
}

/** Starts the command again in `tmp`: once it is ready none of `abandoned` is left, and once stopped nothing is. */
async function expectNextStartRemoves(tmp: string, abandoned: string[]): Promise<void> {
  const next = cli(tmp);
  await ready(next);
  expect(left(tmp).filter((name) => abandoned.includes(name))).toEqual([]);
  // One folder: the Prism process that serves both vendors owns it.
  expect(left(tmp)).toHaveLength(1);
  next.child.kill('SIGTERM');
  expect((await next.exit).code).toBe(0);
  expect(left(tmp)).toEqual([]);
}

describe('temporary folders', { timeout: 480_000 }, () => {
  it('left by SIGKILL of the command during start-up are gone by the next start', async () => {
    const tmp = privateTmp();
    const run = cli(tmp);
    const prisms = await firstPrism(run);
    expect(left(tmp).length).toBeGreaterThan(0);
    expect(isReady(run)).toBe(false);
    run.child.kill('SIGKILL');
    await run.exit;
    await allExited(prisms);
    await eventually(() => processesUsing(tmp).length === 0, `no process uses ${tmp}`, EXIT_GUARD_MS);
    // A folder made in the instant before its Prism process was spawned has no process to remove it: the next
    // start does.
    await expectNextStartRemoves(tmp, left(tmp));
  });

  it('are gone after SIGKILL of the command once the mocks run', async () => {
    const tmp = privateTmp();
    const run = cli(tmp);
    await ready(run);
    const prisms = mockChildren(run.child.pid);
    expect(prisms).toHaveLength(1);
    expect(left(tmp)).toHaveLength(1);
    await killAndAwaitCleanUp(run, prisms, tmp);
  });

  it('left by SIGKILL of the command and its Prism processes at once are removed by the next start', async () => {
    const tmp = privateTmp();
    const killed = cli(tmp);
    const prisms = await firstPrism(killed);
    strays.push(...prisms);
    killed.child.kill('SIGKILL');
    for (const pid of prisms) killGroup(pid);
    await killed.exit;
    await allExited(prisms);
    const abandoned = left(tmp);
    expect(abandoned.length).toBeGreaterThan(0);

    await expectNextStartRemoves(tmp, abandoned);
  });

  it("are swept only when their owner has died: a running process's folders stay", () => {
    const tmp = privateTmp();
    const mine = join(tmp, `modelspecs-mock-${process.pid}-tensoras-abc123`);
    const ofTheParent = join(tmp, `modelspecs-mock-${process.ppid}-tensoras-def456`);
    const dead = join(tmp, 'modelspecs-mock-2147483646-tensoras-ghi789');
    const unrelated = join(tmp, 'modelspecs-mock-tensoras-jkl012');
    for (const folder of [mine, ofTheParent, dead, unrelated]) mkdtempSync(`${folder}-`);
    const before = left(tmp);
    const removed = sweepAbandonedScratch(tmp);
    expect(removed).toHaveLength(1);
    expect(removed[0]).toContain('modelspecs-mock-2147483646-');
    expect(left(tmp).sort()).toEqual(before.filter((name) => !name.includes('2147483646')).sort());
  });
});
