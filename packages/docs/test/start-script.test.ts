// scripts/start.mjs, the end point of `pnpm start`: every mock and the API reference, stopped cleanly.
// It lives here because it needs both the mock package (a dependency) and a site this package renders. It runs on two
// fixture vendors (MODELSPECS_ROOT) and a site rendered from them by buildSite (--docs-dir); each real vendor's
// reference, served beside its mock, is checked by its spec package's `test:vendor` (test/vendor/reference.test.ts).
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { findFreePorts, freePortBase, isPortFree, serverBasePath } from '@modelspecs/mock';
import { bundleSpec, discoverVendors } from '@modelspecs/spec-tools';
import { eventually, isRunning, mockChildren, type NodeRun, runNode } from '@modelspecs/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../src/build.js';
import { repoRoot, tempWorkspace } from './helpers.js';

const script = join(repoRoot, 'scripts', 'start.mjs');
const root = tempWorkspace(['bolt', 'acme']);
const site = join(root, 'site');
const vendors = discoverVendors(root);
const lowestPort = Math.min(...vendors.map((v) => v.mockPort));
const offsets = vendors.map((v) => v.mockPort - lowestPort);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const runs: NodeRun[] = [];
afterEach(() => {
  for (const run of runs.splice(0)) run.child.kill('SIGKILL');
});

function start(args: string[]): NodeRun {
  const run = runNode(script, args, repoRoot, { MODELSPECS_ROOT: root });
  runs.push(run);
  return run;
}

describe('usage', () => {
  it.each([[['--help']], [['--', '--help']]])('%j prints the options', async (args) => {
    const run = start(args);
    expect((await run.exit).code).toBe(0);
    expect(run.stdout()).toContain('Usage: pnpm start');
    expect(run.stdout()).toContain('--port-base');
    expect(run.stdout()).toContain('--docs-port');
    expect(run.stdout()).toContain('--docs-dir <dir>');
    expect(run.stdout()).toContain('MODELSPECS_ROOT');
  });

  it.each([
    [['--', '--port-base', 'abc'], /--port-base: "abc" is not a port/],
    [['--docs-port', '0'], /--docs-port: "0" is not a port/],
    [['--vendor', 'no-such-vendor'], /unknown vendor "no-such-vendor"/],
  ])('%j exits 2 naming the flag', async (args, message) => {
    const run = start(args);
    expect((await run.exit).code).toBe(2);
    expect(run.stderr()).toMatch(message);
  });
});

// Real Prism start-ups: generous limits for a loaded machine.
describe('running', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    await buildSite({ root, outDir: site });
  }, 120_000);

  it('starts every mock and the reference, prints one table, and stops everything on SIGTERM', async () => {
    expect(vendors.map((v) => v.slug)).toEqual(['bolt', 'acme']);
    const base = await freePortBase(offsets);
    const [docsPort] = await findFreePorts('127.0.0.1', 1);
    const run = start([
      '--',
      '--port-base',
      String(base),
      '--docs-port',
      String(docsPort),
      '--docs-dir',
      site,
    ]);
    await Promise.race([
      eventually(() => run.stdout().includes('Ctrl-C stops everything.'), 'everything is ready', 90_000),
      run.exit.then(({ code }) => {
        throw new Error(`exited with ${code}: ${run.stderr()}`);
      }),
    ]);
    // One Prism process serves every vendor's mock, each on its own port.
    const children = mockChildren(run.child.pid);
    expect(children).toHaveLength(1);
    const lines = run.stdout().split('\n');
    for (const [i, vendor] of vendors.entries()) {
      const doc = await bundleSpec(vendor.specFile, root);
      const baseUrl = `http://127.0.0.1:${base + offsets[i]!}${serverBasePath(doc, vendor.slug)}`;
      expect(lines.find((line) => line.startsWith(`${vendor.slug} `))).toContain(baseUrl);
    }
    const docsUrl = `http://127.0.0.1:${docsPort}/`;
    expect(run.stdout()).toContain(`API reference: ${docsUrl}`);
    const portal = await fetch(docsUrl);
    expect(portal.status).toBe(200);
    // The portal's mock links point at this run's ports (serveDocs got `mockUrls`), not at the defaults.
    const html = await portal.text();
    // The site of --docs-dir: the fixture vendors' portal.
    for (const vendor of vendors) expect(html).toContain(`id="vendor-${vendor.slug}"`);
    expect(offsets.some((offset) => html.includes(`http://127.0.0.1:${base + offset}`))).toBe(true);
    for (const line of lines.filter((l) => vendors.some((v) => l.startsWith(`${v.slug} `)))) {
      const reference = /(http:\/\/127\.0\.0\.1:\d+\/[a-z0-9-]+\/)$/.exec(line)?.[1];
      expect(reference, `a reference URL on: ${line}`).toBeDefined();
      expect((await fetch(reference!)).status, reference).toBe(200);
    }
    run.child.kill('SIGTERM');
    expect((await run.exit).code).toBe(0);
    for (const pid of children) expect(isRunning(pid), `pid ${pid}`).toBe(false);
    expect(await isPortFree('127.0.0.1', docsPort!)).toBe(true);
  });

  it('names the docs port and the flags to change it when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const base = await freePortBase(offsets);
      const run = start(['--port-base', String(base), '--docs-port', String(taken)]);
      expect((await run.exit).code).toBe(1);
      expect(run.stderr()).toContain(
        `Port ${taken} on 127.0.0.1, wanted by the API reference, is already in use`,
      );
      expect(run.stderr()).toContain('--docs-port');
      expect(run.stderr()).toContain('--no-docs');
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
