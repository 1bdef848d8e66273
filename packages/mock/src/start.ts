import type { MockCredentials } from './auth.js';
import { MockStartError } from './errors.js';
import { type LaunchedMock, launchMocks, spawnWaitingPrism } from './launch.js';
import { type MockPlan, type PlannedMock, planMocks } from './plan.js';
import type { PrismProcess } from './prism.js';
import { ProcessGroup } from './process-group.js';
import { sweepAbandonedScratch } from './scratch.js';

export { DEFAULT_HOST, defaultPortBase } from './plan.js';

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
  /**
   * The Prism process serving this mock. One process serves every mock of a startMocks() call, so the mocks share
   * it (a spec that sets `x-json-schema-faker` options gets a process of its own); when it ends, they all end.
   */
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

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('The mocks were stopped while starting');
}

/**
 * The Prism processes to start: one for every mock, except that a mock whose document sets json-schema-faker options
 * (process-wide in Prism) gets one of its own.
 */
function processesFor(mocks: readonly PlannedMock[]): PlannedMock[][] {
  const shared = mocks.filter((mock) => !mock.ownProcess);
  const alone = mocks.filter((mock) => mock.ownProcess).map((mock) => [mock]);
  return shared.length > 0 ? [shared, ...alone] : alone;
}

/**
 * Launches every planned mock in `group`. The first failure stops the group, so the other launches spawn nothing
 * more and end as abandoned; it waits for all of them, then rejects with that first failure.
 */
async function launchAll(
  plan: MockPlan,
  group: ProcessGroup,
  onOutput: StartMocksOptions['onOutput'],
  waiting: PrismProcess,
): Promise<LaunchedMock[]> {
  let firstFailure: { error: unknown } | undefined;
  const results = await Promise.allSettled(
    processesFor(plan.mocks).map((mocks, i) =>
      launchMocks(mocks, plan, group, onOutput, i === 0 ? waiting : undefined).catch((error: unknown) => {
        firstFailure ??= { error };
        void group.stop();
        throw error;
      }),
    ),
  );
  if (firstFailure) throw firstFailure.error;
  if (!waiting.isServing) await waiting.stop();
  const launched = results.flatMap((r) => (r as PromiseFulfilledResult<LaunchedMock[]>).value);
  // In the order of the plan (the vendors' order), whichever process serves them.
  return plan.mocks.map((mock) => launched.find((l) => l.running.slug === mock.vendor.slug)!);
}

/**
 * Starts one real Prism mock per vendor from its bundled spec and resolves once every mock answers HTTP: a Prism
 * process starts loading Prism while the options become a plan, the plan is launched into one process group (that
 * process serves every mock, each on its own port), and the group owns stopping. A usage error or a broken spec
 * stops the waiting process before anything is served.
 * If any mock cannot start, the ones already started are stopped and the error names the vendor and the reason.
 */
export async function startMocks(options: StartMocksOptions = {}): Promise<RunningMocks> {
  const { signal } = options;
  if (signal?.aborted) throw abortError(signal);
  // Folders of earlier runs that were killed together with their mocks.
  sweepAbandonedScratch();

  const group = new ProcessGroup();
  const stop = () => group.stop();
  signal?.addEventListener('abort', stop, { once: true });
  void group.stopped.then(() => signal?.removeEventListener('abort', stop));

  // Loading Prism takes as long as bundling the specs: the process that serves them starts loading it first.
  const waiting = spawnWaitingPrism(group);
  let launched: LaunchedMock[];
  try {
    const plan = await planMocks(options);
    if (signal?.aborted) throw abortError(signal);
    launched = await launchAll(plan, group, options.onOutput, waiting);
  } catch (error) {
    await group.stop();
    throw signal?.aborted ? abortError(signal) : error;
  }
  if (signal?.aborted) {
    await group.stop();
    throw abortError(signal);
  }
  const diedEarly = launched.find(({ prism }) => prism.hasExited);
  if (diedEarly) {
    await group.stop();
    const slug = diedEarly.prism.failedSlug ?? diedEarly.running.slug;
    throw new MockStartError(slug, diedEarly.prism.describeExit(slug));
  }

  let failure: MockFailure | undefined;
  group.stopWhenAnyExits([...new Set(launched.map(({ prism }) => prism))], (prism) => {
    // The mock that failed, else the first the process served: the process's end ended them all.
    const slug = prism.failedSlug ?? prism.slugs[0];
    const mock = launched.find((l) => l.running.slug === slug)!.running;
    failure = {
      slug: mock.slug,
      name: mock.name,
      pid: prism.pid,
      port: mock.port,
      reason: prism.describeExit(slug),
    };
  });
  const mocks = launched.map(({ running }) => running);
  return {
    urls: Object.fromEntries(mocks.map((m) => [m.slug, m.baseUrl])),
    mocks,
    dynamic: options.dynamic ?? false,
    stop,
    closed: group.stopped.then(() => failure),
  };
}
