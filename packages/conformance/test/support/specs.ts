import {
  bundleSpec,
  discoverVendors,
  findRepoRoot,
  type OpenApiDocument,
  type Vendor,
} from '@modelspecs/spec-tools';

export const repoRoot: string = findRepoRoot();

/** Every vendor of the workspace, discovered from specs/*. */
export const vendors: Vendor[] = discoverVendors(repoRoot);

const bundles = new Map<string, Promise<OpenApiDocument>>();

/** The bundled spec of a vendor (a fresh copy each call, so a test may change it). */
export async function specOf(slug: string): Promise<{ vendor: Vendor; doc: OpenApiDocument }> {
  const vendor = vendors.find((v) => v.slug === slug);
  if (!vendor) throw new Error(`No vendor ${slug}`);
  let doc = bundles.get(slug);
  if (!doc) {
    doc = bundleSpec(vendor.specFile, repoRoot);
    bundles.set(slug, doc);
  }
  return { vendor, doc: structuredClone(await doc) };
}
