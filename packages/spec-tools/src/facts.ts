import { relative } from 'node:path';
import { type SendableScheme, schemeKind, sendableScheme } from './auth.js';
import { errorEnvelope } from './declarations.js';
import { SpecError } from './errors.js';
import type { Paging } from './extensions/paging.js';
import { pagingDeclaration } from './extensions/paging-declaration.js';
import { deref, type OpenApiDocument, type SecuritySchemeObject } from './openapi.js';
import { serverOf } from './server.js';
import { vendorName } from './vendor-name.js';
import type { Vendor } from './vendors.js';

/** What a client needs at run time, derived from the spec (and its package): see @modelspecs/client-runtime. */
export interface VendorFacts {
  slug: string;
  name: string;
  envVar: string;
  baseUrl: string;
  securitySchemes: Record<string, SendableScheme>;
  /** Alternatives, in the spec's order; each lists the schemes that must all be sent together. */
  security: string[][];
  /** `@modelspecs/<slug>/<version>`, sent as the client's User-Agent. */
  userAgent: string;
  /**
   * Where the message and the code are in an error body (JSON pointers, alternatives tried in order), and the header
   * that carries a request id: the spec's `x-modelspecs-error`. Empty lists when the spec declares no envelope.
   */
  errorEnvelope: { message: string[]; code: string[]; requestIdHeader?: string };
  /** The paged list operations (GET), by path: where the items are and how pages follow (`x-modelspecs-list`). */
  paging?: Record<string, Paging & { items: string[] }>;
}

/** The security schemes a key can be sent through, and the others with what they are (`oauth2`, `http digest`). */
export interface SecuritySchemes {
  sendable: VendorFacts['securitySchemes'];
  /** Scheme name -> its type, for the schemes a single key cannot satisfy. */
  unsendable: Record<string, string>;
}

/** Sorts the spec's security schemes into those a key can be sent through (http bearer/basic, apiKey) and the rest. */
export function securitySchemes(doc: OpenApiDocument): SecuritySchemes {
  const result: SecuritySchemes = { sendable: {}, unsendable: {} };
  for (const [name, raw] of Object.entries(doc.components?.securitySchemes ?? {})) {
    const scheme = deref<SecuritySchemeObject>(doc, raw);
    const sendable = sendableScheme(scheme);
    if (sendable) result.sendable[name] = sendable;
    else result.unsendable[name] = schemeKind(scheme);
  }
  return result;
}

/** How error messages name a vendor's spec: `specs/<slug>/openapi.yaml` in the repository, else its path. */
export function specDisplayName(vendor: Vendor): string {
  const inRepo = `specs/${vendor.slug}/openapi.yaml`;
  return vendor.specFile.replace(/\\/g, '/').endsWith(`/${inRepo}`)
    ? inRepo
    : relative(process.cwd(), vendor.specFile) || vendor.specFile;
}

/** Extracts the runtime facts of a bundled spec; unsupported auth schemes are a SpecError naming the scheme. */
export function vendorFacts(doc: OpenApiDocument, vendor: Vendor, clientVersion: string): VendorFacts {
  const where = specDisplayName(vendor);
  const baseUrl = serverOf(doc, where).url;
  const { sendable, unsendable } = securitySchemes(doc);
  const [unsupported] = Object.entries(unsendable);
  if (unsupported) {
    throw new SpecError(
      `${where} #/components/securitySchemes/${unsupported[0]}: the clients support http bearer/basic and apiKey (header or query) schemes, not ${unsupported[1]}`,
    );
  }
  const security = (doc.security ?? []).map((requirement) => Object.keys(requirement));
  for (const name of security.flat()) {
    if (!sendable[name]) {
      throw new SpecError(`${where} #/security: "${name}" is not declared in components.securitySchemes`);
    }
  }
  const envelope = errorEnvelope(doc);
  const paged = pagingDeclaration(doc);
  return {
    slug: vendor.slug,
    name: vendorName(doc, vendor.slug),
    envVar: vendor.envVar,
    baseUrl,
    securitySchemes: sendable,
    security,
    userAgent: `${vendor.clientPackage}/${clientVersion}`,
    errorEnvelope: {
      message: envelope?.message ?? [],
      code: envelope?.code ?? [],
      ...(envelope?.requestIdHeader ? { requestIdHeader: envelope.requestIdHeader } : {}),
    },
    ...(paged.length && {
      paging: Object.fromEntries(
        paged.map(({ operation, items, paging }) => [operation.path, { items, ...paging }]),
      ),
    }),
  };
}
