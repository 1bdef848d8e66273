import type * as Load from './load.js';

/**
 * `bundleSpec` of load.js, loaded on first use: Redocly's bundler takes about a second to import, which a tool's
 * `--help`, its vendor list and its usage errors should not wait for.
 */
export async function bundleSpec(
  ...args: Parameters<typeof Load.bundleSpec>
): ReturnType<typeof Load.bundleSpec> {
  const load = await import('./load.js');
  return load.bundleSpec(...args);
}
