// The global setup of the per-vendor suites (vitest.vendor.config.ts): starts the example mocks of the vendors under
// test once per run (the vendor whose spec package runs the suites, or every vendor) and provides them as `mocks`, so
// the suites that only send requests (mock's test/vendor/ and conformance's) share one Prism process instead of each
// starting its own. A suite that stops a mock or needs other options (--dynamic) starts its own.
import { startMocks } from '@modelspecs/mock';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const vendor = project.getProvidedContext().vendor;
  const root = project.config.root;
  const running = await startMocks({ root, vendors: vendor }).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `The mock the per-vendor suites share (${vendor ? `vendor ${vendor}` : 'every vendor'}) did not start: ${reason}`,
      { cause: error },
    );
  });
  // Serialisable: the workers receive a copy.
  project.provide('mocks', { urls: running.urls, mocks: running.mocks });
  return () => running.stop();
}
