import {
  bundleSpec,
  deref,
  discoverVendors,
  type JsonSchema,
  type OpenApiDocument,
} from '@modelspecs/spec-tools';
import { beforeAll, describe, expect, it } from 'vitest';
import { findModelSchemas, modelDimensions } from '../src/model-fields.js';
import { renderPortal } from '../src/portal.js';
import { summarizeVendor } from '../src/vendor-summary.js';
import { repoRoot } from './helpers.js';

const vendors = discoverVendors(repoRoot);
const docs = new Map<string, OpenApiDocument>();

beforeAll(async () => {
  for (const vendor of vendors) docs.set(vendor.slug, await bundleSpec(vendor.specFile, repoRoot));
});

/** The schema at a dotted property path, following $refs and allOf/oneOf/anyOf; undefined when there is none. */
function schemaAt(doc: OpenApiDocument, schema: JsonSchema, path: string): JsonSchema | undefined {
  let current: JsonSchema[] = [schema];
  for (const name of path.split('.')) {
    const next: JsonSchema[] = [];
    const visit = (raw: JsonSchema) => {
      const resolved = deref<JsonSchema>(doc, raw);
      const property = (resolved.properties as Record<string, JsonSchema> | undefined)?.[name];
      if (property) next.push(property);
      for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
        for (const branch of (resolved[key] as JsonSchema[] | undefined) ?? []) visit(branch);
      }
    };
    current.forEach(visit);
    if (next.length === 0) return undefined;
    current = next;
  }
  return current[0];
}

describe.each(vendors.map((v) => v.slug))('the model table for %s', (slug) => {
  it('names only fields that exist in the model schemas they are attributed to', () => {
    const doc = docs.get(slug)!;
    const schemas = findModelSchemas(doc);
    expect(schemas.length, `specs/${slug}/openapi.yaml has a model schema`).toBeGreaterThan(0);
    const dims = modelDimensions(doc);
    const fields = [...dims.contextLength, ...dims.maxOutput, ...dims.pricing, ...dims.capabilities];
    for (const field of fields) {
      for (const operationId of field.operations) {
        const source = schemas.find((s) => s.operationId === operationId)!;
        expect(schemaAt(doc, source.raw, field.path), `${field.path} in ${operationId}`).toBeDefined();
      }
    }
  });

  it('gives every price a documented unit and currency (or says it is not stated)', () => {
    for (const field of modelDimensions(docs.get(slug)!).pricing) {
      expect(field.unit, `${slug} ${field.path}: the description documents no unit`).toBeTruthy();
      if (!/^(unit|currency)$/.test(field.path.split('.').at(-1)!)) expect(field.currency).toBeTruthy();
    }
  });
});

describe('the portal of the repository specs', () => {
  it('has a card and a model-table row per vendor, in discovery order', () => {
    const summaries = vendors.map((v) => summarizeVendor(docs.get(v.slug)!, v));
    const html = renderPortal(summaries);
    const cards = [...html.matchAll(/<article class="card" id="vendor-([^"]+)"/g)].map((m) => m[1]);
    const rows = [...html.matchAll(/<tr data-vendor="([^"]+)"/g)].map((m) => m[1]);
    expect(cards).toEqual(vendors.map((v) => v.slug));
    expect(rows).toEqual(vendors.map((v) => v.slug));
    for (const summary of summaries) {
      expect(summary.discrepancies.length, `${summary.slug} x-doc-discrepancies`).toBe(
        (docs.get(summary.slug)!['x-doc-discrepancies'] as unknown[]).length,
      );
    }
  });
});
