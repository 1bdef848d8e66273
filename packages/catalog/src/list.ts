// listCatalog: each vendor's list operation through its generated client, normalized by its spec's declaration.
// One vendor failing (down, 401, a body that breaks its schema) never hides the others: the result is partial.
import { type ClientOptions, createVendorClient, unwrap, type VendorFacts } from '@modelspecs/client-runtime';
import { type CatalogRow, listItems, normalizeModel } from './normalize.js';
import { type CatalogVendor, catalogVendors } from './vendors.js';

/** A ready client (anything with openapi-fetch's `GET`), or the options to create one with. */
export type VendorClientLike = { GET: (path: string, init?: unknown) => Promise<unknown> };
export type VendorConnection = VendorClientLike | Omit<ClientOptions, 'credentials'>;

export interface ListCatalogOptions {
  /** Vendor slugs (a list or "a,b"); default every vendor. */
  vendors?: string | readonly string[];
  /**
   * Per vendor slug: its base URL and key (`{ baseUrl, apiKey }`, any client option), or a ready client. A vendor
   * without an entry gets a client with its defaults: the spec's server and the key in its env var.
   */
  clients?: Record<string, VendorConnection>;
  signal?: AbortSignal;
  /** The checkout to read the specs from (default: the spec packages this package depends on). */
  root?: string;
}

export interface VendorResult {
  slug: string;
  name: string;
  /** The client package the calls went through, the base URL and env var (for models.dev's `npm`, `api`, `env`). */
  clientPackage: string;
  baseUrl: string;
  envVar: string;
  docs?: string;
  ok: boolean;
  /** Why the vendor gave no rows: the status and the vendor's message, or the transport error. Never a key. */
  error?: string;
  models: number;
}

export interface CatalogResult {
  rows: CatalogRow[];
  vendors: VendorResult[];
  /** True when at least one vendor failed: `rows` holds the others. */
  partial: boolean;
}

function isReadyClient(value: VendorConnection | undefined): value is VendorClientLike {
  return typeof (value as VendorClientLike | undefined)?.GET === 'function';
}

async function clientFor(
  vendor: CatalogVendor,
  given: VendorConnection | undefined,
): Promise<VendorClientLike> {
  if (isReadyClient(given)) return given;
  // The vendor's generated package: its facts (auth schemes, env var, server) drive the shared runtime.
  const module = (await import(vendor.clientPackage)) as { vendor: VendorFacts };
  return createVendorClient(module.vendor, given ?? {}) as unknown as VendorClientLike;
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { status?: unknown }).status;
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${typeof status === 'number' ? 'HTTP ' : ''}${error.message}${cause}`;
  }
  return String(error);
}

/** Lists and normalizes one vendor's models. */
export async function listVendor(
  vendor: CatalogVendor,
  given: VendorConnection | undefined,
  signal?: AbortSignal,
): Promise<CatalogRow[]> {
  const catalog = vendor.catalog;
  if (!catalog) throw new Error(`the ${vendor.slug} spec declares no x-modelspecs-list catalog`);
  const client = await clientFor(vendor, given);
  const body = await unwrap(
    (await client.GET(catalog.operation.path, { signal })) as Parameters<typeof unwrap>[0],
  );
  const problems = vendor.checkBody(body);
  if (problems.length > 0) {
    throw new Error(`the answer breaks the ${vendor.slug} spec's schema: ${problems.slice(0, 3).join('; ')}`);
  }
  const items = listItems(body, catalog.items);
  if (!items) throw new Error(`the answer has no model list at ${catalog.items.join(' or ')}`);
  return items.flatMap((item) => normalizeModel(vendor.slug, item, catalog.declaration) ?? []);
}

/**
 * The models of every vendor (or those named), normalized. Starts nothing: each vendor is called at the base URL
 * and with the key it is given (or its spec's server and env var).
 */
export async function listCatalog(options: ListCatalogOptions = {}): Promise<CatalogResult> {
  const vendors = await catalogVendors(options.vendors, options.root);
  const settled = await Promise.allSettled(
    vendors.map((vendor) => listVendor(vendor, options.clients?.[vendor.slug], options.signal)),
  );
  const rows: CatalogRow[] = [];
  const results = vendors.map((vendor, i): VendorResult => {
    const outcome = settled[i]!;
    const given = options.clients?.[vendor.slug];
    const baseUrl = (!isReadyClient(given) && given?.baseUrl) || vendor.baseUrl;
    const common = {
      slug: vendor.slug,
      name: vendor.name,
      clientPackage: vendor.clientPackage,
      baseUrl,
      envVar: vendor.envVar,
      ...(vendor.docs ? { docs: vendor.docs } : {}),
    };
    if (outcome.status === 'rejected') {
      return { ...common, ok: false, error: describeFailure(outcome.reason), models: 0 };
    }
    rows.push(...outcome.value);
    return { ...common, ok: true, models: outcome.value.length };
  });
  return { rows, vendors: results, partial: results.some((r) => !r.ok) };
}
