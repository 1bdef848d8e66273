import type { SpecLoadOptions } from './load-options.js';
import type { OpenApiDocument } from './openapi.js';

/**
 * `bundleSpec` of load.js, loaded on first use: Redocly's bundler takes about a second to import, which a tool's
 * `--help`, its vendor list and its usage errors should not wait for. Its signature is written out here, not taken
 * from load.js, so that the packages that call it compile without Redocly's types.
 */
export async function bundleSpec(
  file: string,
  displayRoot?: string,
  options?: SpecLoadOptions,
): Promise<OpenApiDocument> {
  const load = await import('./load.js');
  return load.bundleSpec(file, displayRoot, options);
}
