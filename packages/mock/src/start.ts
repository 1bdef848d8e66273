import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bundleSpec,
  selectVendors,
  specFileVendor,
  UsageError,
  type Vendor,
  vendorCatalog,
  vendorFacts,
  writeFilesAtomically,
} from '@modelspecs/spec-tools';
import { credentialAlternatives, describeAlternatives, type MockCredentials } from './auth.js';
import { DEFAULT_SEED } from './command.js';
import { MockStartError, PortInUseError } from './errors.js';
import { mockDocument } from './mock-document.js';
import { findFreePorts, isPortFree } from './ports.js';
import { PrismProcess } from './prism.js';
import { mockScratchDir, sweepAbandonedScratch } from './scratch.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
/** This package's folder: where it is installed decides which specs it serves (see vendorCatalog). */
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

export const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_READY_TIMEOUT_MS = 60_000;
/** How often a mock on an OS-picked port is restarted on a new port when another process took it first. */
const PORT_RACE_ATTEMPTS = 5;

export interface StartMocksOptions {
  /** Slugs (array or comma-separated); every vendor when empty. */
  vendors?: string | readonly string[];
  /** Mock this OpenAPI 3.0/3.1 file instead of the vendors (its `$ref`s may reach files in its folder and below). */
  spec?: string;
  /**
   * Port of the vendor with the lowest default port; the others keep their distance from it (with the defaults,
   * 4010 gives every vendor its documented port). Without it every mock gets a free port from the OS.
   */
  portBase?: number;
  /** Interface to bind, 127.0.0.1 by default. */
  host?: string;
  /** Generated answers (json-schema-faker with a fixed seed) instead of the spec's examples. */
  dynamic?: boolean;
  /** Seed for `dynamic`; the same seed gives the same answers. */
  seed?: string;
  /**
   * A modelspecs checkout whose `specs/` to serve. By default a package installed from the registry serves the spec
   * packages it depends on, and one running from a checkout that checkout's working tree.
   */
  root?: string;
  /** How long one mock may take to answer its first request. */
  readyTimeoutMs?: number;
  /** Prism's request log instead of its warnings only (see `onOutput`). */
  verbose?: boolean;
  /** Every line a Prism process writes; without it the lines are kept only to explain a failure. */
  onOutput?: (slug: string, line: string) => void;
  /** Aborting stops every mock: during start-up (startMocks then rejects) and afterwards (like `stop()`). */
  signal?: AbortSignal;
}

export interface RunningMock {
  slug: string;
  /** The vendor's display name (`info.x-vendor`). */
  name: string;
  port: number;
  /** `http://127.0.0.1:4010` */
  origin: string;
  /** The origin plus the spec's base path (`http://127.0.0.1:4010/v1`): use it where the vendor's base URL goes. */
  baseUrl: string;
  /** The path of the spec's `servers[0].url`, `''` when it has none. */
  basePath: string;
  /** The vendor's base URL the mock stands in for (`servers[0].url`). */
  vendorBaseUrl: string;
  /** How to authenticate, for people: `Authorization: Bearer <key>` (the spec's first security alternative). */
  authHeader: string;
  /** Every security alternative of the spec, described like `authHeader`. */
  authAlternatives: string[];
  /** Headers (or query parameters) that satisfy the mock's first security alternative. */
  credentials: MockCredentials;
  /** The environment variable the vendor's client reads its key from. */
  envVar: string;
  pid: number;
}

/** A mock that exited while it should have been running. */
export interface MockFailure {
  slug: string;
  name: string;
  pid: number;
  port: number;
  /** Exit code or signal and the last thing Prism said. */
  reason: string;
}

export interface RunningMocks {
  /** Base URL of each mock by slug, base path included. */
  urls: Record<string, string>;
  mocks: RunningMock[];
  dynamic: boolean;
  /** Stops every mock and waits until each process has exited. Safe to call more than once. */
  stop(): Promise<void>;
  /**
   * Settles when every mock has stopped: with `undefined` after `stop()` (or the abort signal), or with the failure
   * when a mock exited on its own, in which case the others have been stopped.
   */
  closed: Promise<MockFailure | undefined>;
}

interface PreparedMock {
  vendor: Vendor;
  facts: ReturnType<typeof vendorFacts>;
  document: string;
  basePath: string;
}

const PORT_HINT =
  'Stop whatever uses it, or move the mocks to other ports with --port-base <port> ' +
  '(`portBase` in startMocks; e.g. --port-base 5010).';

/** The host part of a URL that reaches a server bound to `host`. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** The vendors these options serve, and the folder error messages name files from. */
function servedVendors(options: Pick<StartMocksOptions, 'root' | 'spec'>): {
  vendors: Vendor[];
  displayRoot: string;
} {
  if (options.spec === undefined) return vendorCatalog(PACKAGE_DIR, options.root);
  if (options.spec.trim() === '') throw new UsageError('--spec: give the path of an OpenAPI file');
  return { vendors: [specFileVendor(options.spec)], displayRoot: process.cwd() };
}

/**
 * The `portBase` that gives every vendor its default port (`modelspecs.mockPort` beside its spec); 4010 for a spec
 * given by file.
 */
export function defaultPortBase(root?: string, spec?: string): number {
  return Math.min(...servedVendors({ root, spec }).vendors.map((v) => v.mockPort));
}

function portsFromBase(portBase: number, selected: Vendor[], all: Vendor[]): number[] {
  if (!Number.isInteger(portBase) || portBase < 1 || portBase > 65535) {
    throw new UsageError(`--port-base: "${portBase}" is not a port; give an integer between 1 and 65535.`);
  }
  const lowest = Math.min(...all.map((v) => v.mockPort));
  return selected.map((vendor) => {
    const port = portBase + (vendor.mockPort - lowest);
    if (port > 65535) {
      throw new UsageError(
        `--port-base: ${portBase} would put the ${vendor.slug} mock on port ${port}, above 65535; give a lower base.`,
      );
    }
    return port;
  });
}

async function prepare(vendor: Vendor, root: string): Promise<PreparedMock> {
  const where = relative(root, vendor.specFile) || vendor.specFile;
  const source = await bundleSpec(vendor.specFile, root);
  const facts = vendorFacts(source, vendor, version);
  const { document, basePath } = mockDocument(source, where);
  return { vendor, facts, document: `${JSON.stringify(document)}\n`, basePath };
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('The mocks were stopped while starting');
}

/**
 * Starts one real Prism mock per vendor from its bundled spec and resolves once every mock answers HTTP.
 * If any mock cannot start, the ones already started are stopped and the error names the vendor and the reason.
 */
export async function startMocks(options: StartMocksOptions = {}): Promise<RunningMocks> {
  const host = options.host ?? DEFAULT_HOST;
  if (host.trim() === '') throw new UsageError('--host: give an interface address such as 127.0.0.1.');
  if (options.spec !== undefined && options.vendors !== undefined && options.vendors.length > 0) {
    throw new UsageError('--spec and --vendor exclude each other: mock either a spec file or vendors');
  }
  const { vendors: all, displayRoot: root } = servedVendors(options);
  const selected = selectVendors(options.vendors, all);
  const fixedPorts =
    options.portBase === undefined ? undefined : portsFromBase(options.portBase, selected, all);
  const dynamic = options.dynamic ?? false;
  const seed = options.seed ?? DEFAULT_SEED;
  const readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const { signal } = options;
  if (signal?.aborted) throw abortError(signal);
  // Folders of earlier runs that were killed together with their mocks.
  sweepAbandonedScratch();

  const prepared = await Promise.all(selected.map((vendor) => prepare(vendor, root)));
  if (fixedPorts) {
    for (const [i, port] of fixedPorts.entries()) {
      if (!(await isPortFree(host, port))) throw new PortInUseError(selected[i]!.slug, host, port, PORT_HINT);
    }
  }
  const ports = fixedPorts ?? (await findFreePorts(host, selected.length));

  const processes: PrismProcess[] = [];
  const stopStarted = () => Promise.all(processes.map((p) => p.stop()));
  // Set when start-up is abandoned (a mock failed, or the signal fired): nothing new is spawned after that.
  let cancelled = false;
  let firstFailure: unknown;
  const cancel = () => {
    cancelled = true;
    void stopStarted();
  };
  signal?.addEventListener('abort', cancel, { once: true });
  // A start-up interrupted by the parent's exit must not leave mocks behind either.
  const killAllNow = () => {
    for (const p of processes) p.killNow();
  };
  process.on('exit', killAllNow);

  const launch = async (mock: PreparedMock, firstPort: number): Promise<RunningMock> => {
    let port = firstPort;
    for (let attempt = 1; ; attempt++) {
      if (cancelled) throw new MockStartError(mock.vendor.slug, 'start-up was abandoned');
      const tmpDir = mockScratchDir(mock.vendor.slug);
      const specFile = join(tmpDir, 'openapi.json');
      writeFilesAtomically([{ path: specFile, content: mock.document }]);
      const prism = new PrismProcess({
        specFile,
        tmpDir,
        host,
        port,
        dynamic,
        seed,
        verbose: options.verbose ?? false,
        onOutput: options.onOutput && ((line) => options.onOutput?.(mock.vendor.slug, line)),
      });
      processes.push(prism);
      const origin = `http://${urlHost(host)}:${port}`;
      let outcome: 'ready' | 'exited';
      try {
        outcome = await prism.waitUntilReady(origin, readyTimeoutMs);
      } catch (error) {
        throw new MockStartError(mock.vendor.slug, (error as Error).message);
      }
      if (outcome === 'ready') {
        const alternatives = describeAlternatives(mock.facts);
        return {
          slug: mock.vendor.slug,
          name: mock.facts.name,
          port,
          origin,
          baseUrl: `${origin}${mock.basePath}`,
          basePath: mock.basePath,
          vendorBaseUrl: mock.facts.baseUrl,
          authHeader: alternatives[0] ?? 'none',
          authAlternatives: alternatives,
          credentials: credentialAlternatives(mock.facts)[0] ?? { headers: {}, query: {} },
          envVar: mock.vendor.envVar,
          pid: prism.pid,
        };
      }
      if (cancelled) throw new MockStartError(mock.vendor.slug, 'start-up was abandoned');
      if (!prism.lostPortRace) throw new MockStartError(mock.vendor.slug, prism.describeExit());
      if (fixedPorts) throw new PortInUseError(mock.vendor.slug, host, port, PORT_HINT);
      if (attempt >= PORT_RACE_ATTEMPTS) {
        throw new MockStartError(
          mock.vendor.slug,
          `${attempt} free ports in a row were taken before Prism bound them`,
        );
      }
      [port] = (await findFreePorts(host, 1)) as [number];
    }
  };

  const results = await Promise.allSettled(
    prepared.map((mock, i) =>
      launch(mock, ports[i]!).catch((error: unknown) => {
        // The first failure is the cause; the others only report that start-up was abandoned.
        if (!cancelled) firstFailure = error;
        cancel();
        throw error;
      }),
    ),
  );
  signal?.removeEventListener('abort', cancel);
  if (cancelled || signal?.aborted) {
    await stopStarted();
    process.off('exit', killAllNow);
    if (signal?.aborted) throw abortError(signal);
    throw firstFailure ?? (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
  }
  const mocks = results.map((r) => (r as PromiseFulfilledResult<RunningMock>).value);
  const live = mocks.map((mock) => processes.find((p) => p.pid === mock.pid)!);
  const diedEarly = live.findIndex((p) => p.hasExited);
  if (diedEarly !== -1) {
    await stopStarted();
    process.off('exit', killAllNow);
    throw new MockStartError(mocks[diedEarly]!.slug, live[diedEarly]!.describeExit());
  }

  let resolveClosed!: (failure: MockFailure | undefined) => void;
  const closed = new Promise<MockFailure | undefined>((resolve) => {
    resolveClosed = resolve;
  });
  let stopping: Promise<void> | undefined;
  const shutDown = (failure: MockFailure | undefined): Promise<void> => {
    if (!stopping) {
      signal?.removeEventListener('abort', stop);
      stopping = Promise.all(live.map((p) => p.stop())).then(() => {
        process.off('exit', killAllNow);
        resolveClosed(failure);
      });
    }
    return stopping;
  };
  const stop = () => shutDown(undefined);
  signal?.addEventListener('abort', stop, { once: true });

  for (const prism of live) {
    void prism.exited.then(() => {
      if (prism.isStopping || stopping) return;
      const mock = mocks[live.indexOf(prism)]!;
      void shutDown({
        slug: mock.slug,
        name: mock.name,
        pid: prism.pid,
        port: mock.port,
        reason: prism.describeExit(),
      });
    });
  }

  return {
    urls: Object.fromEntries(mocks.map((m) => [m.slug, m.baseUrl])),
    mocks,
    dynamic,
    stop,
    closed,
  };
}
