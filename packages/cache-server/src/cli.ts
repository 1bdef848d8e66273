import { runMain } from '@modelspecs/spec-tools/cli';
import { startCacheServer } from './server.js';

const USAGE = `Usage: pnpm cache:server

Starts the shared Turborepo remote cache (turborepo-remote-cache) and runs until Ctrl-C or SIGTERM.
Settings come from the environment, by turborepo-remote-cache's own names:

  TURBO_TOKEN        required: the token(s) clients must send, comma-separated; there is no default
  STORAGE_PATH       required: the folder of the artifacts (or the bucket, with a cloud STORAGE_PROVIDER)
  STORAGE_PROVIDER   local (default), s3, minio, google-cloud-storage or azure-blob-storage,
                     with that provider's S3_* / GCS_* / ABS_CONNECTION_STRING credentials
  HOST               interface to bind (default 127.0.0.1: this machine only)
  PORT               port (default 3000; 0 picks a free one)
  READ_ONLY          true: answers reads, refuses every upload (the server pull requests talk to)`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const server = await startCacheServer({ echo: true });
  const { config } = server;
  console.error(
    `\nTurborepo remote cache on ${server.url}${config.readOnly ? ' (read-only)' : ''}, ` +
      `storage: ${config.provider} ${config.storage}\n` +
      `Point turbo at it: TURBO_API=${server.url} TURBO_TEAM=<team> TURBO_TOKEN=<one of the tokens>` +
      `${config.host === '127.0.0.1' ? '' : `\nListening on ${config.host}: put it behind TLS before sending tokens over a network.`}\n`,
  );
  const exited = new Promise<number>((resolve) => server.child.once('exit', (code) => resolve(code ?? 1)));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => void server.stop());
  }
  return exited;
}

runMain('modelspecs-cache-server', () => main(process.argv.slice(2)));
