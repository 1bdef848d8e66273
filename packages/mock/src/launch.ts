import { join } from 'node:path';
import { writeFilesAtomically } from '@modelspecs/spec-tools';
import { credentialAlternatives, describeAlternatives } from './auth.js';
import { MockStartError, PortInUseError } from './errors.js';
import type { MockPlan, PlannedMock } from './plan.js';
import { PORT_HINT } from './plan.js';
import { type PrismProcess, urlHost } from './prism.js';
import type { ProcessGroup } from './process-group.js';
import { mockScratchDir } from './scratch.js';
import type { RunningMock } from './start.js';

export interface LaunchedMock {
  running: RunningMock;
  prism: PrismProcess;
}

function describeRunning(mock: PlannedMock, port: number, host: string, prism: PrismProcess): RunningMock {
  const alternatives = describeAlternatives(mock.facts);
  const origin = `http://${urlHost(host)}:${port}`;
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

/** A Prism process of `group` that loads Prism and waits to be told what to serve (see launchMocks). */
export function spawnWaitingPrism(group: ProcessGroup, label = 'vendors'): PrismProcess {
  return group.spawn({ tmpDir: mockScratchDir(label) });
}

/**
 * Has one Prism process of `group` serve every mock of `mocks` (each on its own port), and resolves once each
 * answers HTTP: `waiting` when given (spawned earlier by spawnWaitingPrism), else a new one. When one mock fails the
 * process ends, and the error names that mock (or, when the process died without saying which, the first); once the
 * group is stopped nothing more is spawned.
 */
export async function launchMocks(
  mocks: readonly PlannedMock[],
  plan: MockPlan,
  group: ProcessGroup,
  onOutput: ((slug: string, line: string) => void) | undefined,
  waiting?: PrismProcess,
): Promise<LaunchedMock[]> {
  const slugs = mocks.map((mock) => mock.vendor.slug);
  const abandoned = (slug: string) => new MockStartError(slug, 'start-up was abandoned');
  if (group.isStopped) throw abandoned(slugs[0]!);
  const prism = waiting ?? spawnWaitingPrism(group, mocks.length === 1 ? slugs[0]! : 'vendors');
  const servers = mocks.map((mock) => ({
    slug: mock.vendor.slug,
    specFile: join(prism.folder, `${mock.vendor.slug}.json`),
    port: mock.port,
  }));
  writeFilesAtomically(mocks.map((mock, i) => ({ path: servers[i]!.specFile, content: mock.document })));
  prism.serve({
    servers,
    host: plan.host,
    dynamic: plan.dynamic,
    seed: plan.seed,
    verbose: plan.verbose,
    // A line about the whole process concerns each of its mocks.
    onOutput:
      onOutput &&
      ((slug, line) => {
        for (const s of slug ? [slug] : slugs) onOutput(s, line);
      }),
  });
  const outcomes = await Promise.allSettled(
    slugs.map((slug) =>
      prism.waitUntilReady(slug, plan.host, plan.readyTimeoutMs).catch((error: unknown) => {
        throw new MockStartError(slug, (error as Error).message);
      }),
    ),
  );
  const failedAt = outcomes.findIndex((o) => o.status === 'rejected' || o.value === 'exited');
  if (failedAt === -1) {
    return mocks.map((mock, i) => ({
      running: describeRunning(mock, (outcomes[i] as PromiseFulfilledResult<number>).value, plan.host, prism),
      prism,
    }));
  }
  const timedOut = outcomes[failedAt]!;
  if (timedOut.status === 'rejected') {
    await prism.stop();
    throw timedOut.reason;
  }
  if (group.isStopped) throw abandoned(slugs[failedAt]!);
  const slug = prism.failedSlug ?? slugs[failedAt]!;
  await prism.exited;
  const mock = mocks[slugs.indexOf(slug)]!;
  if (prism.lostPort(slug)) throw new PortInUseError(slug, plan.host, mock.port, PORT_HINT);
  throw new MockStartError(slug, prism.describeExit(slug));
}
