import { join } from 'node:path';
import { writeFilesAtomically } from '@modelspecs/spec-tools';
import { credentialAlternatives, describeAlternatives } from './auth.js';
import { MockStartError, PortInUseError } from './errors.js';
import type { MockPlan, PlannedMock } from './plan.js';
import { PORT_HINT } from './plan.js';
import { findFreePorts } from './ports.js';
import type { PrismProcess } from './prism.js';
import type { ProcessGroup } from './process-group.js';
import { mockScratchDir } from './scratch.js';
import type { RunningMock } from './start.js';

/** How often a mock on an OS-picked port is restarted on a new port when another process took it first. */
const PORT_RACE_ATTEMPTS = 5;

/** The host part of a URL that reaches a server bound to `host`. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function describeRunning(mock: PlannedMock, port: number, origin: string, prism: PrismProcess): RunningMock {
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

/**
 * Starts one planned mock in `group` and resolves once it answers HTTP. When another process takes an OS-picked
 * port first, Prism is restarted on a new one; once the group is stopped nothing more is spawned.
 */
export async function launchMock(
  mock: PlannedMock,
  plan: MockPlan,
  group: ProcessGroup,
  onOutput: ((line: string) => void) | undefined,
): Promise<{ running: RunningMock; prism: PrismProcess }> {
  const { slug } = mock.vendor;
  const abandoned = () => new MockStartError(slug, 'start-up was abandoned');
  let port = mock.port;
  for (let attempt = 1; ; attempt++) {
    if (group.isStopped) throw abandoned();
    const tmpDir = mockScratchDir(slug);
    const specFile = join(tmpDir, 'openapi.json');
    writeFilesAtomically([{ path: specFile, content: mock.document }]);
    const prism = group.spawn({
      specFile,
      tmpDir,
      host: plan.host,
      port,
      dynamic: plan.dynamic,
      seed: plan.seed,
      verbose: plan.verbose,
      onOutput,
    });
    const origin = `http://${urlHost(plan.host)}:${port}`;
    let outcome: 'ready' | 'exited';
    try {
      outcome = await prism.waitUntilReady(origin, plan.readyTimeoutMs);
    } catch (error) {
      throw new MockStartError(slug, (error as Error).message);
    }
    if (outcome === 'ready') return { running: describeRunning(mock, port, origin, prism), prism };
    if (group.isStopped) throw abandoned();
    if (!prism.lostPortRace) throw new MockStartError(slug, prism.describeExit());
    if (plan.fixedPorts) throw new PortInUseError(slug, plan.host, port, PORT_HINT);
    if (attempt >= PORT_RACE_ATTEMPTS) {
      throw new MockStartError(slug, `${attempt} free ports in a row were taken before Prism bound them`);
    }
    [port] = (await findFreePorts(plan.host, 1)) as [number];
  }
}
