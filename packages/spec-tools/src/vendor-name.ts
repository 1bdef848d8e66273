import type { OpenApiDocument } from './openapi.js';

/**
 * The vendor's display name: `info.x-vendor` (which the `vendor-metadata` lint rule requires of the project's
 * specs), else the document's `info.title` (a spec from elsewhere), else `fallback` (the vendor's slug).
 */
export function vendorName(doc: OpenApiDocument, fallback: string): string {
  for (const candidate of [doc.info?.['x-vendor'], doc.info?.title]) {
    if (typeof candidate === 'string' && candidate.trim() !== '') return candidate;
  }
  return fallback;
}
