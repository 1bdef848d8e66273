import { join } from 'node:path';
import { stringify } from 'yaml';
import { bundleSpec } from './load.js';
import type { OpenApiDocument } from './openapi.js';
import type { SpecLoadOptions } from './resolver.js';
import type { Vendor } from './vendors.js';
import { writeFilesAtomically } from './write.js';

/** The bundled document serialized the way every downstream file carries it. */
export function serializeBundle(doc: OpenApiDocument): { json: string; yaml: string } {
  return {
    json: `${JSON.stringify(doc, null, 2)}\n`,
    yaml: stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }),
  };
}

/** Bundles a vendor's spec into `specs/<slug>/dist/openapi.json` and `openapi.yaml` (both or neither). */
export async function writeBundle(
  vendor: Vendor,
  displayRoot?: string,
  options: SpecLoadOptions = {},
): Promise<OpenApiDocument> {
  const doc = await bundleSpec(vendor.specFile, displayRoot, { root: vendor.dir, ...options });
  const { json, yaml } = serializeBundle(doc);
  writeFilesAtomically([
    { path: join(vendor.dir, 'dist', 'openapi.json'), content: json },
    { path: join(vendor.dir, 'dist', 'openapi.yaml'), content: yaml },
  ]);
  return doc;
}
