import type { RunningMocks } from '@modelspecs/mock';

export type { RunningMocks };

/** Starts our Prism mocks for the given vendors (loaded on demand: checking a base URL never needs Prism). */
export async function startVendorMocks(slugs: readonly string[], root: string): Promise<RunningMocks> {
  const { startMocks } = await import('@modelspecs/mock');
  return startMocks({ vendors: [...slugs], root });
}
