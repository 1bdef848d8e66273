import type { CatalogRow } from '@modelspecs/catalog';
import {
  deref,
  describeScheme,
  listOperations,
  type OpenApiDocument,
  type SecuritySchemeObject,
  type Server,
  serverOf,
  type Vendor,
  vendorName,
} from '@modelspecs/spec-tools';
import { exampleRows } from './compare.js';
import { type ModelDimensions, modelDimensions } from './model-fields.js';

export interface OperationSummary {
  method: string;
  path: string;
  operationId?: string;
  summary?: string;
}

export interface DocDiscrepancy {
  topic: string;
  sources: { source: string; says: string }[];
  resolution: string;
}

/** Everything the portal shows about one vendor, read from its bundled spec and `specs/<slug>/package.json`. */
export interface VendorSummary {
  slug: string;
  /** `info.x-vendor` */
  name: string;
  title: string;
  version: string;
  /** `servers[0].url`, its variables filled with their defaults */
  baseUrl: string;
  /** One line per accepted way to authenticate (the spec's security alternatives). */
  auth: string[];
  envVar: string;
  operations: OperationSummary[];
  /** The vendor documentation the spec was written from (`info.x-origin`, else `externalDocs`). */
  sourcePages: { url: string; retrieved?: string }[];
  discrepancies: DocDiscrepancy[];
  models: ModelDimensions;
  /** The models of the spec's list example, normalized by its catalog declaration (the compare page). */
  compare: CatalogRow[];
  /** The default address of the vendor's local mock: its mock port plus the base path of its server URL. */
  mockUrl: string;
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);

/** The spec's security alternatives in words; schemes that must be sent together are joined with "+". */
export function describeAuth(doc: OpenApiDocument): string[] {
  const schemes = doc.components?.securitySchemes ?? {};
  const alternatives = (doc.security ?? []).map((requirement) =>
    Object.keys(requirement)
      .map((name) => {
        const raw = schemes[name];
        return raw
          ? describeScheme(name, deref<SecuritySchemeObject>(doc, raw))
          : `${name} (undeclared scheme)`;
      })
      .join(' + '),
  );
  const described = alternatives.filter((a) => a.length > 0);
  return described.length > 0 ? described : ['none'];
}

/** The mock's address: the loopback port of the vendor's mock plus the base path of its server URL. */
export function defaultMockUrl(server: Pick<Server, 'basePath'>, mockPort: number): string {
  return `http://127.0.0.1:${mockPort}${server.basePath}`;
}

function discrepancies(doc: OpenApiDocument): DocDiscrepancy[] {
  const raw = doc['x-doc-discrepancies'];
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null)
    .map((entry) => ({
      topic: text(entry.topic),
      sources: (Array.isArray(entry.sources) ? entry.sources : [])
        .filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null)
        .map((s) => ({ source: text(s.source), says: text(s.says) })),
      resolution: text(entry.resolution),
    }));
}

function sourcePages(doc: OpenApiDocument): VendorSummary['sourcePages'] {
  const origin = doc.info['x-origin'];
  const pages = (Array.isArray(origin) ? origin : [])
    .filter(
      (o): o is Record<string, unknown> => typeof o === 'object' && o !== null && typeof o.url === 'string',
    )
    .map((o) => ({
      url: o.url as string,
      ...(o.retrieved !== undefined ? { retrieved: text(o.retrieved) } : {}),
    }));
  if (pages.length === 0 && doc.externalDocs?.url) pages.push({ url: doc.externalDocs.url });
  return pages;
}

/** Summarizes one vendor for the portal. Pure: it reads only the document and the vendor facts it is given. */
export function summarizeVendor(
  doc: OpenApiDocument,
  vendor: Pick<Vendor, 'slug' | 'envVar' | 'mockPort'>,
): VendorSummary {
  const server = doc.servers?.length ? serverOf(doc, `specs/${vendor.slug}`) : { url: '', basePath: '' };
  const summary: VendorSummary = {
    slug: vendor.slug,
    name: vendorName(doc, vendor.slug),
    title: doc.info.title,
    version: doc.info.version,
    baseUrl: server.url,
    auth: describeAuth(doc),
    envVar: vendor.envVar,
    operations: listOperations(doc).map(({ method, path, operation }) => ({
      method: method.toUpperCase(),
      path,
      ...(operation.operationId ? { operationId: operation.operationId } : {}),
      ...(operation.summary ? { summary: operation.summary } : {}),
    })),
    sourcePages: sourcePages(doc),
    discrepancies: discrepancies(doc),
    models: modelDimensions(doc),
    compare: exampleRows(doc, vendor.slug),
    mockUrl: defaultMockUrl(server, vendor.mockPort),
  };
  return summary;
}
