// Stopping: the process group that startMocks() launches into owns every Prism process, with real Prism processes.
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { discoverVendors } from '@modelspecs/spec-tools';
import { describe, expect, it } from 'vitest';
import { startMocks } from '../src/index.js';
import { launchMocks } from '../src/launch.js';
import { planMocks } from '../src/plan.js';
import { ProcessGroup } from '../src/process-group.js';
import { isRunning, mockChildren, vendorsRoot } from './support/helpers.js';

const vendors = discoverVendors(vendorsRoot);
const scratchLeft = () =>
  readdirSync(tmpdir()).filter((name) => name.startsWith(`modelspecs-mock-${process.pid}-`));

// Real Prism start-ups: generous limits for a loaded machine.
describe('the process group', { timeout: 240_000 }, () => {
  it('stops every member when one exits on its own, and reports only that one', async () => {
    const plan = await planMocks({ root: vendorsRoot, vendors: vendors.slice(0, 3).map((v) => v.slug) });
    const group = new ProcessGroup();
    try {
      // One process per mock here, so that the group has several members.
      const launched = (
        await Promise.all(plan.mocks.map((mock) => launchMocks([mock], plan, group, undefined)))
      ).flat();
      const reported: number[] = [];
      group.stopWhenAnyExits(
        launched.map((l) => l.prism),
        (member) => reported.push(member.pid),
      );
      const [victim, ...others] = launched;
      process.kill(victim!.prism.pid, 'SIGKILL');
      await group.stopped;
      expect(reported).toEqual([victim!.prism.pid]);
      expect(others.length).toBeGreaterThan(0);
      for (const { prism } of others) expect(isRunning(prism.pid), `pid ${prism.pid}`).toBe(false);
      expect(mockChildren()).toEqual([]);
      expect(scratchLeft()).toEqual([]);
    } finally {
      await group.stop();
    }
  });

  it('spawns nothing once stopped: a launch still on its way is abandoned', async () => {
    const plan = await planMocks({ root: vendorsRoot, vendors: vendors[0]!.slug });
    const group = new ProcessGroup();
    await group.stop();
    await expect(launchMocks(plan.mocks, plan, group, undefined)).rejects.toThrow(/start-up was abandoned/);
    expect(() =>
      group.spawn({
        servers: [{ slug: 'x', specFile: 'x', port: 1 }],
        tmpDir: 'x',
        host: '127.0.0.1',
        dynamic: false,
        seed: '',
        verbose: false,
      }),
    ).toThrow(/being stopped/);
    expect(mockChildren()).toEqual([]);
  });

  it('stopped while every vendor is starting, ends every launch and leaves no process or folder', async () => {
    const plan = await planMocks({ root: vendorsRoot });
    expect(plan.mocks).toHaveLength(vendors.length);
    const group = new ProcessGroup();
    const pids = new Set<number>();
    // The first line any Prism process writes: at least one is spawned, the others are still on their way.
    const stopOnFirstLine = () => void group.stop();
    const results = await Promise.allSettled(
      plan.mocks.map((mock) =>
        launchMocks([mock], plan, group, stopOnFirstLine).then((launched) => {
          for (const { prism } of launched) pids.add(prism.pid);
          return launched;
        }),
      ),
    );
    await group.stopped;
    expect(results.some((r) => r.status === 'rejected')).toBe(true);
    for (const pid of pids) expect(isRunning(pid), `pid ${pid}`).toBe(false);
    expect(mockChildren()).toEqual([]);
    expect(scratchLeft()).toEqual([]);
  });
});

describe('startMocks() and its abort signal', { timeout: 240_000 }, () => {
  it('aborted while planning, serves nothing and leaves no Prism process', async () => {
    const controller = new AbortController();
    const reason = new Error('interrupted while planning');
    let lines = 0;
    const started = startMocks({ root: vendorsRoot, signal: controller.signal, onOutput: () => lines++ });
    controller.abort(reason);
    await expect(started).rejects.toBe(reason);
    expect(lines).toBe(0);
    expect(mockChildren()).toEqual([]);
  });

  it('aborted while the mocks start, rejects with the reason and leaves no process or folder', async () => {
    const controller = new AbortController();
    const reason = new Error('interrupted while starting');
    const started = startMocks({
      root: vendorsRoot,
      signal: controller.signal,
      onOutput: () => controller.abort(reason),
    });
    await expect(started).rejects.toBe(reason);
    expect(mockChildren()).toEqual([]);
    expect(scratchLeft()).toEqual([]);
  });
});
