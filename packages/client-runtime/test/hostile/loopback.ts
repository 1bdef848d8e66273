import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Loopback {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Every request the server got, with its body. */
  received: Received[];
  close(): Promise<void>;
}

/** A real node:http server on 127.0.0.1 and a free port that records every request before `handle` answers it. */
export async function listen(
  handle: (request: Received, response: ServerResponse) => void = (_, response) => response.end(),
): Promise<Loopback> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = {
        method: request.method!,
        url: request.url!,
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      };
      received.push(entry);
      handle(entry, response);
    });
  });
  // Node closes an idle keep-alive connection after 5 s; on a busy machine the client's pool can pick that
  // connection just as it closes ("other side closed"). These tests are about what the client sends and reads,
  // so idle connections stay open until the server is closed.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
