import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, relative, sep } from 'node:path';
import { UsageError } from '@modelspecs/spec-tools';
import sirv from 'sirv';
import { DEFAULT_SITE_DIR, PORTAL_DATA_FILE, type PortalData } from './build.js';
import { renderPortal } from './portal.js';

export interface ServeDocsOptions {
  /** Interface to bind; loopback unless you mean to expose the docs. */
  host?: string;
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  /** The rendered site (default: packages/docs/dist). */
  dir?: string;
  /** Mock base URLs by vendor slug for the portal's "Local mock" links (default: each mock's default address). */
  mockUrls?: Readonly<Record<string, string>>;
}

export interface DocsServer {
  /** `http://127.0.0.1:8080/` */
  url: string;
  stop(): Promise<void>;
}

const BUILD_HINT = 'Render it first: pnpm turbo run docs --filter=@modelspecs/docs';

function readPortalData(dir: string): PortalData {
  const file = join(dir, PORTAL_DATA_FILE);
  if (!existsSync(join(dir, 'index.html')) || !existsSync(file)) {
    throw new UsageError(`No rendered API reference in ${dir}. ${BUILD_HINT}`);
  }
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as PortalData;
    if (!Array.isArray(data.vendors)) throw new Error('"vendors" is not a list');
    return data;
  } catch (error) {
    throw new UsageError(`${file} is not a portal data file (${(error as Error).message}). ${BUILD_HINT}`);
  }
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

/**
 * The site folder `pathname` names, as its path relative to `dir` (`''` for the root itself), when it is a folder
 * of the site with an index page; undefined otherwise.
 */
function siteFolderWithIndex(dir: string, pathname: string): string | undefined {
  const target = normalize(join(dir, pathname));
  if (target !== dir && !target.startsWith(dir + sep)) return undefined;
  try {
    return statSync(target).isDirectory() && existsSync(join(target, 'index.html'))
      ? relative(dir, target)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Location of a redirect to a folder of the site: built from the folder's path inside the site, never from
 * the request, so it is always a path on this server. Each segment is percent-encoded (a slash, backslash or
 * control character in a name cannot survive), and the result starts with a single `/`.
 */
export function folderLocation(folder: string): string {
  const segments = folder.split(sep).filter((segment) => segment !== '');
  const location = `/${segments.map(encodeURIComponent).join('/')}/`.replace(/^\/+/, '/');
  if (!isSameOriginPath(location)) throw new Error(`refusing to redirect to ${JSON.stringify(location)}`);
  return location;
}

/** A path a browser resolves on the same origin: one leading slash, no second slash or backslash after it, no control character. */
export function isSameOriginPath(location: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  return /^\/(?![/\\])/.test(location) && !/[\u0000-\u001f\u007f\\]/.test(location);
}

/**
 * Serves the rendered site (the portal and every vendor's reference) over HTTP with sirv. The portal is rendered
 * from its data on each request, so its mock links point at `mockUrls`. Binds 127.0.0.1:8080 by default.
 */
export async function serveDocs(options: ServeDocsOptions = {}): Promise<DocsServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 8080;
  const dir = normalize(options.dir ?? DEFAULT_SITE_DIR).replace(/[\\/]+$/, '');
  readPortalData(dir);
  // dev mode looks files up on every request, so a rebuild of the site while it is served shows at once.
  const files = sirv(dir, {
    dev: true,
    etag: true,
    dotfiles: false,
    setHeaders: (res) => securityHeaders(res),
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Bad request\n');
      return;
    }
    if (pathname === '/' || pathname === '/index.html') {
      securityHeaders(res);
      let portal: Buffer;
      try {
        portal = Buffer.from(renderPortal(readPortalData(dir).vendors, { mockUrls: options.mockUrls }));
      } catch (error) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`${(error as Error).message}\n`);
        return;
      }
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': portal.length,
        'Cache-Control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : portal);
      return;
    }
    // A vendor folder without its slash would resolve the page's relative links against the parent.
    const folder = pathname.endsWith('/') ? undefined : siteFolderWithIndex(dir, pathname);
    if (folder !== undefined) {
      res.writeHead(301, { Location: folderLocation(folder) });
      res.end();
      return;
    }
    files(req, res, () => {
      securityHeaders(res);
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new UsageError(
              `Cannot serve the docs: ${host}:${port} is already in use. Stop the other server or pick another port.`,
            )
          : error,
      );
    });
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.address.includes(':') ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
