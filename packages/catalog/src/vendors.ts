// The vendors this package serves and what their specs declare: the spec packages it depends on (or the
// checkout's specs/ when it runs inside the repository), each read once with spec-tools.
import { fileURLToPath } from 'node:url';
import {
  bundleSpec,
  type CatalogEntry,
  catalogDeclaration,
  DocumentSchemas,
  documentedResponse,
  firstJsonMediaType,
  mediaTypeExample,
  type OpenApiDocument,
  selectVendors,
  serverOf,
  specDisplayName,
  type Vendor,
  vendorCatalog,
  vendorName,
} from '@modelspecs/spec-tools';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface CatalogVendor {
  slug: string;
  /** The vendor's name (`info.x-vendor`). */
  name: string;
  /** The client package its calls go through (`@modelspecs/<slug>`). */
  clientPackage: string;
  envVar: string;
  /** The spec's server URL (the live API). */
  baseUrl: string;
  /** The vendor's documentation (the spec's externalDocs). */
  docs?: string;
  /** The list operation's path and its catalog declaration, or undefined when the spec declares none. */
  catalog?: CatalogEntry;
  /** Validates a list body against the spec's 2xx JSON schema: problems, one line each. */
  checkBody(body: unknown): string[];
  /** The spec's own example of the list answer (what the mock serves). */
  example(): unknown;
  vendor: Vendor;
}

function describe(vendor: Vendor, doc: OpenApiDocument): CatalogVendor {
  const catalog = catalogDeclaration(doc);
  const response = catalog && documentedResponse(doc, catalog.operation, 200);
  const media = response && firstJsonMediaType(response);
  const schemas = new DocumentSchemas(doc);
  return {
    slug: vendor.slug,
    name: vendorName(doc, vendor.slug),
    clientPackage: vendor.clientPackage,
    envVar: vendor.envVar,
    baseUrl: serverOf(doc, specDisplayName(vendor)).url,
    ...(doc.externalDocs?.url ? { docs: doc.externalDocs.url } : {}),
    ...(catalog ? { catalog } : {}),
    checkBody: (body) =>
      media?.value.schema
        ? schemas
            .validate(`${media.pointer}/schema`, body)
            .map((e) => `${e.instancePath || '/'} ${e.message}`)
        : [],
    example: () => mediaTypeExample(doc, media?.value),
    vendor,
  };
}

/** The vendors (all, or those named) with what their specs declare. */
export async function catalogVendors(
  names?: string | readonly string[],
  root?: string,
): Promise<CatalogVendor[]> {
  const { vendors, displayRoot } = vendorCatalog(PACKAGE_DIR, root);
  const selected = selectVendors(names, vendors);
  return Promise.all(selected.map(async (v) => describe(v, await bundleSpec(v.specFile, displayRoot))));
}
