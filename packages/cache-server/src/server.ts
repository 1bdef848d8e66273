import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { type CacheServerConfig, cacheServerConfig } from './config.js';

/** The CLI of the pinned turborepo-remote-cache. */
export function remoteCacheCli(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('turborepo-remote-cache/package.json')), 'dist', 'cli.js');
}

export interface RunningCacheServer {
  /** `http://<host>:<port>`: what turbo's `TURBO_API` (or `--api`) points at. */
  url: string;
  host: string;
  port: number;
  config: CacheServerConfig;
  child: ChildProcess;
  /** What the server printed so far (pino JSON lines; tokens are redacted by the server). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartCacheServerOptions {
  /** Settings, by turborepo-remote-cache's variable names (default `process.env`): see cacheServerConfig(). */
  env?: NodeJS.ProcessEnv;
  /** Echo the server's log to this process's stdout/stderr as it comes. */
  echo?: boolean;
  /** How long to wait for the server to answer (default 120 s: a hang guard, the server loads its cloud SDKs first). */
  readyTimeoutMs?: number;
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ host, port: 0, exclusive: true }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts turborepo-remote-cache with the settings read from `env` and resolves once it answers its status route.
 * A local storage folder is created first. The server dies with this process' stop(); a start that fails (a bad
 * setting, a taken port) rejects with the server's own message.
 */
export async function startCacheServer(options: StartCacheServerOptions = {}): Promise<RunningCacheServer> {
  const config = cacheServerConfig(options.env ?? process.env);
  if (config.provider === 'local') mkdirSync(config.storage, { recursive: true });
  const port = config.port === 0 ? await freePort(config.host) : config.port;
  const child = spawn(process.execPath, [remoteCacheCli()], {
    env: { ...config.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (sink: NodeJS.WriteStream) => (chunk: Buffer) => {
    output += chunk;
    if (options.echo) sink.write(chunk);
  };
  child.stdout?.on('data', collect(process.stdout));
  child.stderr?.on('data', collect(process.stderr));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => {
    running = false;
  });

  const url = `http://${urlHost(config.host === '0.0.0.0' ? '127.0.0.1' : config.host)}:${port}`;
  const stop = async () => {
    if (!running) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  for (;;) {
    if (!running) {
      throw new Error(`turborepo-remote-cache exited before it answered on ${url}:\n${output.trim()}`);
    }
    try {
      const answer = await fetch(`${url}/v8/artifacts/status`, { signal: AbortSignal.timeout(2_000) });
      if (answer.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`turborepo-remote-cache did not answer on ${url} in time:\n${output.trim()}`);
    }
    await sleep(100);
  }
  return { url, host: config.host, port, config, child, output: () => output, stop };
}
