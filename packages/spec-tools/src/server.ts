import { SpecError } from './errors.js';
import type { OpenApiDocument } from './openapi.js';

/** Where a vendor's API lives, read from the spec's first server. */
export interface Server {
  /** `servers[0].url` with its `{variables}` replaced by their defaults: what a client sends requests to. */
  url: string;
  /** The path of that URL without a trailing slash: `/v1`, or `''` when it has none. */
  basePath: string;
}

/**
 * The spec's first server: its URL with every server variable replaced by its default, and its base path. A spec
 * without a server, a variable without a default, or a URL that does not parse is a SpecError naming `where`.
 */
export function serverOf(doc: OpenApiDocument, where: string): Server {
  const server = doc.servers?.[0];
  if (!server?.url)
    throw new SpecError(`${where} #/servers: a server URL is required (the vendor's base URL)`);
  const url = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const fallback = server.variables?.[name]?.default;
    if (typeof fallback !== 'string') {
      throw new SpecError(`${where} #/servers/0/variables/${name}: a default value is required`);
    }
    return fallback;
  });
  let pathname: string;
  try {
    pathname = new URL(url, 'http://server.invalid').pathname;
  } catch {
    throw new SpecError(`${where} #/servers/0/url: "${server.url}" is not a URL`);
  }
  return { url, basePath: pathname.replace(/\/+$/, '') };
}
