// One set of example mocks (every vendor of this repository, the spec's examples) for the whole test run: the suites
// that only send requests share it through `exampleMocks()` instead of each starting five Prism processes.
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { type RunningMock, startMocks } from '../src/index.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    exampleMocks: { urls: Record<string, string>; mocks: RunningMock[] };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const running = await startMocks({ root: repoRoot });
  project.provide('exampleMocks', { urls: running.urls, mocks: running.mocks });
  return () => running.stop();
}
