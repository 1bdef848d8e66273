/**
 * A generic static host, as a docs team would put the built site on one: sirv on node:http, the site mounted under
 * a sub-path (`/modelspecs/`), nothing else answered. It is not serveDocs: no portal re-rendering, no folder
 * redirects. Requests under `/__hit/` are recorded and answered 204, so a page that manages to fetch one shows it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export interface StaticHost {
  /** `http://127.0.0.1:<port>/modelspecs/`: the site's root. */
  siteUrl: string;
  origin: string;
  /** Every request path the server received, in order. */
  requests: string[];
  /** Request paths under `/__hit/`. */
  hits: string[];
  stop(): Promise<void>;
}

export async function serveUnderSubPath(dir: string, mount = '/modelspecs/'): Promise<StaticHost> {
  const files = sirv(dir, { dev: true, dotfiles: false });
  const requests: string[] = [];
  const hits: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    requests.push(url);
    if (url.startsWith('/__hit/')) {
      hits.push(url);
      res.writeHead(204).end();
      return;
    }
    if (!url.startsWith(mount)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
      return;
    }
    req.url = url.slice(mount.length - 1);
    files(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    siteUrl: `${origin}${mount}`,
    origin,
    requests,
    hits,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
