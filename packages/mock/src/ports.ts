import { createServer, type Server } from 'node:net';

function listen(host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Whether `port` can be bound on `host` right now. Errors other than "in use" (EACCES, EADDRNOTAVAIL) are thrown. */
export async function isPortFree(host: string, port: number): Promise<boolean> {
  try {
    await close(await listen(host, port));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return false;
    throw error;
  }
}

/**
 * `count` distinct ports the OS reports free on `host`. They are released before returning, so another process can
 * still take one before the caller binds it: callers retry on EADDRINUSE.
 */
export async function findFreePorts(host: string, count: number): Promise<number[]> {
  // Held open together so the OS cannot hand out the same port twice.
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) servers.push(await listen(host, 0));
    return servers.map((server) => {
      const address = server.address();
      if (address === null || typeof address === 'string')
        throw new Error('No TCP address for a listening socket');
      return address.port;
    });
  } finally {
    await Promise.all(servers.map(close));
  }
}

// Below the range the OS hands out for outgoing connections (32768 and up on Linux, 49152 and up elsewhere), so a
// port found free stays free while something else (a build, say) opens connections before the server binds it.
const FIXED_PORTS_FROM = 20_000;
const FIXED_PORTS_BELOW = 32_768;

/** A base port such that `base + offset` is free on `host` for every offset (for `--port-base`, say). */
export async function freePortBase(offsets: readonly number[], host = '127.0.0.1'): Promise<number> {
  const span = FIXED_PORTS_BELOW - FIXED_PORTS_FROM - Math.max(0, ...offsets);
  if (span <= 0)
    throw new RangeError(`Port offsets up to ${Math.max(...offsets)} do not fit below ${FIXED_PORTS_BELOW}`);
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = FIXED_PORTS_FROM + Math.floor(Math.random() * span);
    const free = await Promise.all(offsets.map((offset) => isPortFree(host, base + offset)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('No free run of ports found');
}
