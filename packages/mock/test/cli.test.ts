// The modelspecs-mock command as a user runs it: a real process, real signals, real Prism children.
import { createServer } from 'node:net';
import { bundleSpec, discoverVendors } from '@modelspecs/spec-tools';
import { type NodeRun, runNode } from '@modelspecs/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { serverBasePath } from '../src/index.js';
import { cliBin, eventually, freePortBase, isRunning, mockChildren, vendorsRoot } from './support/helpers.js';

const vendors = discoverVendors(vendorsRoot);
const lowestPort = Math.min(...vendors.map((v) => v.mockPort));
const [first, second] = vendors;
const offsets = [first!, second!].map((v) => v.mockPort - lowestPort);

const running: NodeRun[] = [];
afterEach(() => {
  for (const run of running.splice(0)) run.child.kill('SIGKILL');
});

function cli(args: string[]): NodeRun {
  const run = runNode(cliBin, args, vendorsRoot, { MODELSPECS_ROOT: vendorsRoot });
  running.push(run);
  return run;
}

async function ready(run: NodeRun): Promise<void> {
  await Promise.race([
    eventually(() => run.stdout().includes('Ctrl-C stops them'), 'the mocks are ready', 60_000),
    run.exit.then(({ code }) => {
      throw new Error(`exited with ${code} before it was ready: ${run.stderr()}`);
    }),
  ]);
}

describe('usage', () => {
  it('prints help with the default ports read from the specs', async () => {
    const run = cli(['--help']);
    expect((await run.exit).code).toBe(0);
    expect(run.stdout()).toContain('Usage: modelspecs-mock');
    for (const vendor of vendors) expect(run.stdout()).toContain(`${vendor.slug} ${vendor.mockPort}`);
  });

  it.each([
    [['--vendor', 'no-such-vendor'], /--vendor: unknown vendor "no-such-vendor"/],
    [['--port-base', 'abc'], /--port-base: "abc" is not a port/],
    [['--port-base', '70000'], /--port-base: "70000" is not a port/],
    [['--host', ''], /--host/],
    [['--no-such-flag'], /no-such-flag/],
  ])('%j exits 2 with a message naming the problem', async (args, message) => {
    const run = cli(args);
    expect((await run.exit).code).toBe(2);
    expect(run.stderr()).toMatch(message);
    expect(run.stderr()).toContain('--help');
  });
});

// Real Prism start-ups: generous limits for a loaded machine.
describe('running', { timeout: 120_000 }, () => {
  it('prints the table, serves every mock, and stops them all on SIGTERM', async () => {
    const base = await freePortBase(offsets);
    const run = cli(['--vendor', `${first!.slug},${second!.slug}`, '--port-base', String(base)]);
    await ready(run);
    const children = mockChildren(run.child.pid);
    // One Prism process serves both mocks.
    expect(children).toHaveLength(1);
    for (const [i, vendor] of [first!, second!].entries()) {
      const doc = await bundleSpec(vendor.specFile, vendorsRoot);
      const baseUrl = `http://127.0.0.1:${base + offsets[i]!}${serverBasePath(doc, vendor.slug)}`;
      const row = run
        .stdout()
        .split('\n')
        .find((line) => line.startsWith(`${vendor.slug} `));
      expect(row, vendor.slug).toContain(baseUrl);
      expect(row).toContain(String(doc.info['x-vendor']));
      expect(row).toMatch(/Authorization: Bearer <key>|: <key>/);
      const response = await fetch(`${baseUrl}/modelspecs-no-such-path`);
      await response.body?.cancel();
      expect(response.status).toBe(404);
    }
    run.child.kill('SIGTERM');
    expect((await run.exit).code).toBe(0);
    expect(run.stderr()).toContain('Stopped 2 mock(s)');
    for (const pid of children) expect(isRunning(pid), `pid ${pid}`).toBe(false);
  });

  it('stops on SIGINT (Ctrl-C) the same way', async () => {
    const base = await freePortBase(offsets.slice(0, 1));
    const run = cli(['--vendor', first!.slug, '--port-base', String(base)]);
    await ready(run);
    const children = mockChildren(run.child.pid);
    run.child.kill('SIGINT');
    expect((await run.exit).code).toBe(0);
    for (const pid of children) expect(isRunning(pid)).toBe(false);
  });

  it('exits 1 naming the mock that died and why, and stops the rest', async () => {
    const base = await freePortBase(offsets);
    const run = cli(['--vendor', `${first!.slug},${second!.slug}`, '--port-base', String(base)]);
    await ready(run);
    const children = mockChildren(run.child.pid);
    const victim = Math.min(...children);
    process.kill(victim, 'SIGKILL');
    expect((await run.exit).code).toBe(1);
    expect(run.stderr()).toMatch(
      /The \S+ mock \(.+, port \d+\) stopped unexpectedly: Prism \(pid \d+, serving \S+, \S+\) was killed by SIGKILL/,
    );
    expect(run.stderr()).toContain(`pid ${victim}`);
    for (const pid of children) expect(isRunning(pid)).toBe(false);
  });

  it('exits 1 naming the vendor, the port and --port-base when a port is taken', async () => {
    const base = await freePortBase(offsets);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(base + offsets[1]!, '127.0.0.1', resolve));
    try {
      const run = cli(['--vendor', `${first!.slug},${second!.slug}`, '--port-base', String(base)]);
      expect((await run.exit).code).toBe(1);
      expect(run.stderr()).toContain(
        `Port ${base + offsets[1]!} on 127.0.0.1, wanted by the ${second!.slug} mock`,
      );
      expect(run.stderr()).toContain('--port-base');
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('takes its mocks with it when it is killed outright (SIGKILL)', async () => {
    const base = await freePortBase(offsets.slice(0, 2));
    const run = cli(['--vendor', `${first!.slug},${second!.slug}`, '--port-base', String(base)]);
    await ready(run);
    // One Prism process serves both mocks.
    const children = mockChildren(run.child.pid);
    expect(children).toHaveLength(1);
    run.child.kill('SIGKILL');
    await run.exit;
    await eventually(() => children.every((pid) => !isRunning(pid)), 'the orphaned mock exits');
  });
});
