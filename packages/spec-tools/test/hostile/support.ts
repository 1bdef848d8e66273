import { execFile } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type Server } from 'node:net';
import { join } from 'node:path';
import { fixtures, repoRoot, tempWorkspace } from '../helpers.js';

/**
 * A throwaway workspace whose vendor "acme" has the hostile fixture as its spec (a folder fixture is copied whole),
 * with `edits` applied to the spec text.
 */
export function hostileWorkspace(
  fixture: string,
  edits: Record<string, string> = {},
): { root: string; specDir: string; specFile: string } {
  const { root, specDir } = tempWorkspace();
  const source = join(fixtures, 'hostile', fixture);
  if (fixture.endsWith('.yaml')) cpSync(source, join(specDir, 'openapi.yaml'));
  else cpSync(source, specDir, { recursive: true });
  const specFile = join(specDir, 'openapi.yaml');
  let text = readFileSync(specFile, 'utf8');
  for (const [from, to] of Object.entries(edits)) text = text.replaceAll(from, to);
  writeFileSync(specFile, text);
  return { root, specDir, specFile };
}

export interface LoopbackServer {
  port: number;
  /** TCP connections accepted so far. */
  connections: () => number;
  close: () => Promise<void>;
}

async function listen(server: Server): Promise<LoopbackServer> {
  let connections = 0;
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback HTTP server that answers every request with a small YAML schema, counting connections. */
export function schemaServer(): Promise<LoopbackServer> {
  return listen(
    createHttpServer((_, res) => {
      res.setHeader('content-type', 'application/yaml');
      res.end('type: string\ndescription: Fetched from the remote server.\n');
    }),
  );
}

/** A loopback server that accepts connections and never answers. */
export function silentServer(): Promise<LoopbackServer> {
  return listen(createTcpServer(() => {}));
}

const cli = join(repoRoot, 'packages', 'spec-tools', 'bin', 'modelspecs-spec.js');

/**
 * Runs `modelspecs-spec` directly (not through turbo, so the environment is not filtered) with `env` added. A run
 * still going after `hangGuardMs` is killed and reported as `killed`.
 */
export function runCli(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
  hangGuardMs = 120_000,
): Promise<{ status: number | null; stdout: string; stderr: string; killed: boolean }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [cli, ...args],
      { cwd, env: { ...process.env, MODELSPECS_ROOT: '', ...env }, timeout: hangGuardMs, encoding: 'utf8' },
      (error, stdout, stderr) => {
        resolve({ status: child.exitCode, stdout, stderr, killed: error?.killed ?? false });
      },
    );
  });
}
