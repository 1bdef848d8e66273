/**
 * A loopback HTTP server whose every answer a test writes by hand: for servers that misbehave in ways the
 * spec-generated drift server cannot (endless bodies, hostile ids, echoed keys, odd headers).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileServer {
  /** Origin plus `/v1`, like the acme fixture's base URL. */
  baseUrl: string;
  origin: string;
  /** `METHOD /path?query` of every request, in order. */
  requests: string[];
  /** How many responses the client abandoned: their connection closed before the server finished writing. */
  abandoned: number;
  /** Body bytes the server wrote, over all responses. */
  bytesWritten: number;
  close(): Promise<void>;
}

export type HostileHandler = (req: IncomingMessage, res: ServerResponse, server: HostileServer) => void;

export async function startHostileServer(handler: HostileHandler): Promise<HostileServer> {
  const state: HostileServer = {
    baseUrl: '',
    origin: '',
    requests: [],
    abandoned: 0,
    bytesWritten: 0,
    close: async () => {},
  };
  const server = createServer((req, res) => {
    state.requests.push(`${req.method} ${req.url}`);
    res.on('close', () => {
      if (!res.writableFinished) state.abandoned += 1;
    });
    req.resume();
    req.on('end', () => handler(req, res, state));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.origin = `http://127.0.0.1:${port}`;
  state.baseUrl = `${state.origin}/v1`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** Writes `chunk` again and again, honouring back-pressure, until `total` bytes are out or the client goes away. */
export function stream(
  res: ServerResponse,
  state: HostileServer,
  chunk: Buffer,
  total: number = Number.POSITIVE_INFINITY,
): void {
  let sent = 0;
  const pump = () => {
    while (!res.destroyed && sent < total) {
      const piece = total - sent < chunk.length ? chunk.subarray(0, total - sent) : chunk;
      sent += piece.length;
      state.bytesWritten += piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown | string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}
