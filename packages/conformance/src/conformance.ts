import {
  bundleSpec,
  selectVendors,
  specFileVendor,
  UsageError,
  type Vendor,
  vendorCatalog,
} from '@modelspecs/spec-tools';
import type { FetchLike } from './http.js';
import { resolveLimits } from './limits.js';
import { startSpecMocks } from './mocks.js';
import { PACKAGE_DIR } from './package-dir.js';
import { checkTarget, type TargetChoice } from './run.js';
import { parseBaseUrl } from './target-url.js';
import { type ConformanceReport, summarize, type VendorReport } from './types.js';

export interface RunConformanceOptions {
  /** Vendor slugs (a comma-separated list or an array); none = every vendor, which needs no base URL. */
  vendors?: string | readonly string[];
  /**
   * Check against this OpenAPI 3.0/3.1 file instead of a vendor's spec (its `$ref`s may reach files in its folder
   * and below). The key then comes from `apiKey` or `MODELSPECS_API_KEY`.
   */
  spec?: string;
  /** Check this server instead of starting the vendor's mock. Exactly one vendor then. */
  baseUrl?: string;
  /** Default: the vendor's env var (`TENSORAS_API_KEY`), read from `env`. Not needed for our mocks. */
  apiKey?: string;
  /** For a base URL: `auto` (default) probes for Prism, `mock` or `server` decide. */
  target?: TargetChoice;
  allowWrites?: boolean;
  /** Per-request timeout, 1 to 2147483647 ms (default 10000). */
  timeoutMs?: number;
  /** How many listed ids `list_get_consistency` fetches, 1 to 10000 (default 20). */
  maxListedIds?: number;
  /** How much of one response body is read, 1 byte to 256 MiB (default 10 MiB); a larger body fails its check. */
  maxBodyBytes?: number;
  fetch?: FetchLike;
  /**
   * A modelspecs checkout whose `specs/` to check against. By default an installed package uses the spec packages
   * it depends on, and one running from a checkout that checkout's working tree.
   */
  root?: string;
  /** Where vendor env vars are read (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Checks one vendor against a base URL, or one or more vendors against mocks the checker starts on free loopback
 * ports and stops afterwards.
 */
export async function runConformance(options: RunConformanceOptions = {}): Promise<ConformanceReport> {
  let vendors: Vendor[];
  let root: string;
  if (options.spec !== undefined) {
    if (options.vendors !== undefined && options.vendors.length > 0) {
      throw new UsageError('--spec and --vendor exclude each other: check against a spec file or a vendor');
    }
    vendors = [specFileVendor(options.spec)];
    root = process.cwd();
  } else {
    const catalog = vendorCatalog(PACKAGE_DIR, options.root);
    vendors = selectVendors(options.vendors, catalog.vendors);
    root = catalog.displayRoot;
  }
  const env = options.env ?? process.env;
  const common = { allowWrites: options.allowWrites, ...resolveLimits(options), fetch: options.fetch };
  let reports: ConformanceReport['vendors'];
  if (options.baseUrl !== undefined) {
    const baseUrl = parseBaseUrl(options.baseUrl);
    const [vendor] = vendors;
    if (vendors.length !== 1 || !vendor) {
      throw new UsageError(
        `--base-url checks one vendor: pass --vendor with one of ${vendors.map((v) => v.slug).join(', ')}`,
      );
    }
    const doc = await bundleSpec(vendor.specFile, root);
    reports = [
      await checkTarget({
        ...common,
        doc,
        vendor,
        baseUrl,
        apiKey: options.apiKey ?? env[vendor.envVar],
        target: options.target ?? 'auto',
      }),
    ];
  } else {
    if (options.target === 'server') {
      throw new UsageError(
        '--target server needs --base-url: without it the checker starts and checks our mock',
      );
    }
    if (options.apiKey !== undefined && vendors.length !== 1) {
      throw new UsageError('--api-key is the key of one vendor: pass --vendor with one slug');
    }
    const docs = await Promise.all(vendors.map((v) => bundleSpec(v.specFile, root)));
    const mocks = await startSpecMocks(
      options.spec === undefined
        ? { vendors: vendors.map((v) => v.slug), root: options.root }
        : { spec: options.spec },
    );
    try {
      // Every vendor's run settles before the mocks stop, even when one of them fails.
      const settled = await Promise.allSettled(
        vendors.map(async (vendor, i) => {
          const url = mocks.urls[vendor.slug];
          if (!url) throw new Error(`The mock of ${vendor.slug} did not report its URL`);
          return checkTarget({
            ...common,
            doc: docs[i]!,
            vendor,
            baseUrl: url,
            apiKey: options.apiKey,
            target: 'mock',
            decidedBy: 'started by the checker',
          });
        }),
      );
      const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failure) throw failure.reason;
      reports = settled.map((s) => (s as PromiseFulfilledResult<VendorReport>).value);
    } finally {
      await mocks.stop();
    }
  }
  const summary = summarize(reports.flatMap((r) => r.results));
  return { vendors: reports, summary, ok: summary.failed === 0 };
}
