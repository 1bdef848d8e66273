import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bundleSpec,
  discoverVendors,
  findRepoRoot,
  type OpenApiDocument,
  type Vendor,
} from '@modelspecs/spec-tools';

/**
 * The small vendors the package suite checks (test/fixtures/vendors/specs/*, a workspace of its own): each has the
 * shape a test needs, so a change to a real spec does not rerun this package's tests. `acme`: an OpenAI-style list
 * and fetch by id; `trainer`: bounded query parameters and writes; `blunt`: an unknown id gets a 400; `keyring`: a
 * key or a pair of tokens; `plainlist`: a top-level array and a header bounded by an enum.
 */
export const fixtureRoot: string = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'vendors');

/** The fixture vendors, discovered from test/fixtures/vendors/specs/*. */
export const vendors: Vendor[] = discoverVendors(fixtureRoot);

/** The checkout, whose real vendors (specs/*) only the per-vendor suites (test/vendor/) read. */
export const repoRoot: string = findRepoRoot();

const bundles = new Map<string, Promise<OpenApiDocument>>();

/** The bundled spec of a vendor under `root` (a fresh copy each call, so a test may change it). */
export async function specOf(
  slug: string,
  root: string = fixtureRoot,
): Promise<{ vendor: Vendor; doc: OpenApiDocument }> {
  const vendor = (root === fixtureRoot ? vendors : discoverVendors(root)).find((v) => v.slug === slug);
  if (!vendor) throw new Error(`No vendor ${slug} in ${root}`);
  const key = `${root}\0${slug}`;
  let doc = bundles.get(key);
  if (!doc) {
    doc = bundleSpec(vendor.specFile, root);
    bundles.set(key, doc);
  }
  return { vendor, doc: structuredClone(await doc) };
}
