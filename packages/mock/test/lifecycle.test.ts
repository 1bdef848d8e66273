// Start-up, shutdown and failure handling of startMocks(), with real Prism processes.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleSpec, discoverVendors, UsageError } from '@modelspecs/spec-tools';
import { afterEach, describe, expect, it } from 'vitest';
import { MockStartError, mockDocument, PortInUseError, type RunningMocks, startMocks } from '../src/index.js';
import { PrismProcess } from '../src/prism.js';
import { fixtures, isRunning, mockChildren, vendorsRoot } from './support/helpers.js';

const vendors = discoverVendors(vendorsRoot);
const [first, second] = vendors;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: Parameters<typeof startMocks>[0]): Promise<RunningMocks> {
  const running = await startMocks({ root: vendorsRoot, ...options });
  cleanups.push(() => running.stop());
  return running;
}

function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
    cleanups.push(() => new Promise<void>((done) => server.close(() => done())));
  });
}

// Real Prism start-ups: generous limits for a loaded machine.
describe('stop()', { timeout: 120_000 }, () => {
  it('leaves no Prism process behind and settles `closed` without a failure', async () => {
    const running = await start({ vendors: [first!.slug, second!.slug] });
    const pids = running.mocks.map((m) => m.pid);
    expect(pids.every(isRunning)).toBe(true);
    expect(mockChildren().sort()).toEqual(expect.arrayContaining([...pids].sort()));
    await running.stop();
    for (const pid of pids) expect(() => process.kill(pid, 0), `pid ${pid}`).toThrow();
    expect(mockChildren().filter((pid) => pids.includes(pid))).toEqual([]);
    await expect(running.closed).resolves.toBeUndefined();
    await running.stop();
  });
});

describe('ports', { timeout: 120_000 }, () => {
  it('picks distinct free ports for concurrent runs, so test runs never collide', async () => {
    const [a, b] = await Promise.all([start({ vendors: first!.slug }), start({ vendors: first!.slug })]);
    expect(a.mocks[0]!.port).not.toBe(b.mocks[0]!.port);
    for (const running of [a, b]) {
      const response = await fetch(`${running.mocks[0]!.origin}/`);
      await response.body?.cancel();
      expect(response.status).toBe(404);
    }
  });

  it('names the vendor, the port and the flag when a port is taken', async () => {
    const taken = await occupy(0).then((server) => (server.address() as { port: number }).port);
    const lowest = vendors.reduce((a, b) => (a.mockPort <= b.mockPort ? a : b));
    const error = await startMocks({ root: vendorsRoot, vendors: lowest.slug, portBase: taken }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as Error).message).toContain(`Port ${taken}`);
    expect((error as Error).message).toContain(`the ${lowest.slug} mock`);
    expect((error as Error).message).toContain('--port-base');
    expect(mockChildren()).toEqual([]);
  });

  it('keeps the distance between default ports when given a base', async () => {
    const lowest = Math.min(...vendors.map((v) => v.mockPort));
    const base = await occupy(0).then(async (server) => {
      const port = (server.address() as { port: number }).port;
      await new Promise<void>((done) => server.close(() => done()));
      return port - (second!.mockPort - lowest);
    });
    const running = await start({ vendors: second!.slug, portBase: base });
    expect(running.mocks[0]!.port).toBe(base + (second!.mockPort - lowest));
  });

  it.each([0, 70000, 1.5])('rejects portBase %s as a usage error naming --port-base', async (portBase) => {
    const error = await startMocks({ root: vendorsRoot, portBase }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain('--port-base');
  });

  it('rejects a base that pushes the last vendor past port 65535', async () => {
    const spread = Math.max(...vendors.map((v) => v.mockPort)) - Math.min(...vendors.map((v) => v.mockPort));
    const error = await startMocks({ root: vendorsRoot, portBase: 65535 - spread + 1 }).catch(
      (e: unknown) => e,
    );
    expect.soft(spread).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/above 65535/);
  });
});

describe('vendors', () => {
  it('rejects an unknown vendor as a usage error that lists the known ones', async () => {
    const error = await startMocks({ root: vendorsRoot, vendors: 'no-such-vendor' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain('"no-such-vendor"');
    for (const vendor of vendors) expect((error as Error).message).toContain(vendor.slug);
  });
});

describe('failures', { timeout: 120_000 }, () => {
  it('reports a mock that fails to start, with Prism’s reason, and stops the ones that started', async () => {
    const root = join(fixtures, 'failing-start');
    const error = await startMocks({ root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as MockStartError).slug).toBe('hollow');
    expect((error as Error).message).toMatch(
      /hollow mock failed to start: Prism \(pid \d+, serving hollow, steady\) exited with code 1/,
    );
    expect((error as Error).message).toContain('No operations found');
    expect(mockChildren()).toEqual([]);
  });

  it('reports that the Prism process died and why, and stops the group', async () => {
    const running = await start({ vendors: [first!.slug, second!.slug] });
    const [victim] = running.mocks;
    process.kill(victim!.pid, 'SIGKILL');
    const failure = await running.closed;
    expect(failure).toMatchObject({ slug: victim!.slug, pid: victim!.pid, port: victim!.port });
    expect(failure!.reason).toContain('SIGKILL');
    expect(mockChildren()).toEqual([]);
  });

  it('stops every mock when aborted during start-up, and rejects with the reason', async () => {
    const controller = new AbortController();
    const reason = new Error('interrupted by the test');
    const started = startMocks({
      root: vendorsRoot,
      vendors: [first!.slug, second!.slug],
      signal: controller.signal,
      // The first line a Prism process writes proves it was spawned before the abort.
      onOutput: () => controller.abort(reason),
    });
    await expect(started).rejects.toBe(reason);
    expect(mockChildren()).toEqual([]);
  });

  it('stops every mock when the signal fires after start-up', async () => {
    const controller = new AbortController();
    const running = await start({ vendors: first!.slug, signal: controller.signal });
    controller.abort();
    await expect(running.closed).resolves.toBeUndefined();
    expect(isRunning(running.mocks[0]!.pid)).toBe(false);
  });
});

describe('one Prism process', { timeout: 120_000 }, () => {
  it('serves every vendor from one process, which takes them all with it when it dies', async () => {
    const running = await start({});
    expect(running.mocks.map((m) => m.slug)).toEqual(vendors.map((v) => v.slug));
    const pids = new Set(running.mocks.map((m) => m.pid));
    expect(pids.size).toBe(1);
    expect(mockChildren()).toEqual([...pids]);
    expect(new Set(running.mocks.map((m) => m.port)).size).toBe(vendors.length);
    const [pid] = pids;
    process.kill(pid!, 'SIGKILL');
    const failure = await running.closed;
    expect(failure).toMatchObject({ slug: vendors[0]!.slug, pid });
    expect(failure!.reason).toMatch(
      new RegExp(
        `Prism \\(pid ${pid}, serving ${vendors.map((v) => v.slug).join(', ')}\\) was killed by SIGKILL`,
      ),
    );
    expect(mockChildren()).toEqual([]);
  });

  it('gives a spec that sets json-schema-faker options (process-wide in Prism) a process of its own', async () => {
    const running = await start({ root: join(fixtures, 'faker-options'), dynamic: true });
    const pidOf = (slug: string) => running.mocks.find((m) => m.slug === slug)!.pid;
    expect(running.mocks.map((m) => m.slug).sort()).toEqual(['faked', 'steady']);
    expect(pidOf('faked')).not.toBe(pidOf('steady'));
    expect(mockChildren().sort()).toEqual([pidOf('faked'), pidOf('steady')].sort());
    const faked = running.mocks.find((m) => m.slug === 'faked')!;
    const response = await fetch(`${faked.baseUrl}/models`, { headers: faked.credentials.headers });
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: string[] };
    expect(data.length).toBeGreaterThanOrEqual(3);
    // The items are faker's (`x-faker: lorem.word`): the faker Prism is given (server/prism-servers.mjs) works.
    for (const word of data) expect(word).toMatch(/^[a-z]+$/);
  });

  // Per vendor, test/vendor/dynamic.test.ts checks that one process answers the same twice and that another seed
  // changes the answers; that the answers do not depend on the process is Prism's and ours, not a vendor's.
  it('answers the same in another process for the same seed (faker and every random kind of value included)', async () => {
    const root = join(fixtures, 'faker-options');
    const [one, other] = await Promise.all(
      [0, 1].map(() => start({ root, dynamic: true, seed: 'same', vendors: ['faked'] })),
    );
    expect(one!.mocks[0]!.pid).not.toBe(other!.mocks[0]!.pid);
    const answers = await Promise.all(
      [one!, other!, one!].map(async (running) => {
        const [mock] = running.mocks;
        const response = await fetch(`${mock!.baseUrl}/models`, { headers: mock!.credentials.headers });
        expect(response.status).toBe(200);
        return (await response.json()) as { data: string[]; latest: Record<string, unknown> };
      }),
    );
    expect(answers[0]!.latest).toMatchObject({ id: expect.any(String), updated: expect.any(String) });
    // Faker's words vary within an answer: they come from a random source, not one fixed value.
    expect(new Set(answers[0]!.data).size).toBeGreaterThan(1);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('names the mock whose port was taken, and removes the process and its folder', async () => {
    const squatter = createHttpServer((_, res) => res.end('not prism'));
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((done) => squatter.close(() => done())));
    const port = (squatter.address() as { port: number }).port;
    const tmpDir = mkdtempSync(join(tmpdir(), 'modelspecs-mock-test-'));
    const servers = [];
    for (const [i, vendor] of [first!, second!].entries()) {
      const specFile = join(tmpDir, `${vendor.slug}.json`);
      const { document } = mockDocument(await bundleSpec(vendor.specFile, vendorsRoot), vendor.slug);
      writeFileSync(specFile, JSON.stringify(document));
      servers.push({ slug: vendor.slug, specFile, port: i === 0 ? 0 : port });
    }
    const prism = new PrismProcess({
      servers,
      tmpDir,
      host: '127.0.0.1',
      dynamic: false,
      seed: 's',
      verbose: false,
    });
    cleanups.push(() => prism.stop());
    await expect(prism.waitUntilReady(second!.slug, '127.0.0.1', 60_000)).resolves.toBe('exited');
    await prism.exited;
    expect(prism.failedSlug).toBe(second!.slug);
    expect(prism.lostPort(second!.slug)).toBe(true);
    expect(prism.lostPort(first!.slug)).toBe(false);
    expect(prism.describeExit(second!.slug)).toMatch(/exited with code 1: .*EADDRINUSE/);
    expect(existsSync(tmpDir)).toBe(false);
  });
});
