import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '@modelspecs/spec-tools';

/** Where the shared cache keeps its artifacts, as turborepo-remote-cache names its storage providers. */
export const STORAGE_PROVIDERS = [
  'local',
  's3',
  'minio',
  'google-cloud-storage',
  'azure-blob-storage',
] as const;

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 3000;
/** Shorter tokens are guessable, and whoever holds the write token can put any build output in front of CI. */
export const MIN_TOKEN_LENGTH = 16;

/** The variables of turborepo-remote-cache passed on as given: storage credentials, logging, read-only mode. */
const PASSED_ON = [
  /^S3_[A-Z_]+$/,
  /^GCS_[A-Z_]+$/,
  /^ABS_CONNECTION_STRING$/,
  /^AWS_[A-Z_]+$/,
  /^GOOGLE_APPLICATION_CREDENTIALS$/,
  /^LOG_LEVEL$/,
  /^BODY_LIMIT$/,
  /^TURBO_REMOTE_CACHE_SIGNATURE_KEY$/,
  /^SSL_(KEY|CERT)_PATH$/,
];

export interface CacheServerConfig {
  host: string;
  /** 0 asks for a free port. */
  port: number;
  provider: (typeof STORAGE_PROVIDERS)[number];
  /** The folder (local) or the bucket/container name (cloud providers). */
  storage: string;
  readOnly: boolean;
  /** The whole environment of the server process: nothing else of ours reaches it. */
  env: Record<string, string>;
}

const HOW_TO_TOKEN =
  'Set it to a random secret (for example `openssl rand -hex 32`); separate several accepted tokens with commas.';

/**
 * Reads the cache server's settings from the environment, turborepo-remote-cache's own variable names: `TURBO_TOKEN`
 * (required, the tokens clients must send; there is no default), `STORAGE_PATH` (required: the folder, or the bucket
 * with a cloud `STORAGE_PROVIDER`), `HOST` (default 127.0.0.1), `PORT` (default 3000). Missing or unsafe settings are a
 * UsageError naming the variable; no message ever contains a token.
 */
export function cacheServerConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): CacheServerConfig {
  const tokens = (env.TURBO_TOKEN ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token.length > 0);
  if (tokens.length === 0) {
    throw new UsageError(`TURBO_TOKEN is not set: the cache server has no default token. ${HOW_TO_TOKEN}`);
  }
  const short = tokens.findIndex((token) => token.length < MIN_TOKEN_LENGTH || /\s/.test(token));
  if (short >= 0) {
    throw new UsageError(
      `TURBO_TOKEN: token ${short + 1} of ${tokens.length} is shorter than ${MIN_TOKEN_LENGTH} characters or has spaces. ${HOW_TO_TOKEN}`,
    );
  }
  if (env.AUTH_MODE && env.AUTH_MODE !== 'static') {
    throw new UsageError(
      `AUTH_MODE=${env.AUTH_MODE} is not supported: the cache server always checks TURBO_TOKEN (static tokens). Unset AUTH_MODE.`,
    );
  }

  const providerName = (env.STORAGE_PROVIDER || 'local').toLowerCase();
  const provider = STORAGE_PROVIDERS.find((p) => p === providerName);
  if (!provider) {
    throw new UsageError(
      `STORAGE_PROVIDER=${env.STORAGE_PROVIDER} is not one of ${STORAGE_PROVIDERS.join(', ')}.`,
    );
  }
  const rawStorage = env.STORAGE_PATH?.trim();
  if (!rawStorage) {
    throw new UsageError(
      provider === 'local'
        ? 'STORAGE_PATH is not set: name the folder that keeps the cache artifacts (it is created when missing).'
        : `STORAGE_PATH is not set: name the ${provider === 'azure-blob-storage' ? 'container' : 'bucket'} that keeps the cache artifacts.`,
    );
  }
  const storage = provider === 'local' && !isAbsolute(rawStorage) ? resolve(cwd, rawStorage) : rawStorage;

  const host = env.HOST?.trim() || DEFAULT_HOST;
  const portText = env.PORT?.trim() || String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new UsageError(`PORT=${env.PORT} is not a port number (0 to 65535; 0 picks a free one).`);
  }
  const readOnlyText = env.READ_ONLY?.trim().toLowerCase() ?? '';
  if (!['', 'true', 'false', '1', '0'].includes(readOnlyText)) {
    throw new UsageError(`READ_ONLY=${env.READ_ONLY} is not true or false.`);
  }
  const readOnly = readOnlyText === 'true' || readOnlyText === '1';

  const serverEnv: Record<string, string> = {
    NODE_ENV: 'production',
    TURBO_TOKEN: tokens.join(','),
    AUTH_MODE: 'static',
    HOST: host,
    STORAGE_PROVIDER: provider,
    STORAGE_PATH: storage,
    // turborepo-remote-cache would otherwise put a relative STORAGE_PATH under the OS temporary folder.
    STORAGE_PATH_USE_TMP_FOLDER: 'false',
    READ_ONLY: String(readOnly),
  };
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && PASSED_ON.some((pattern) => pattern.test(name))) serverEnv[name] = value;
  }
  if (env.PATH) serverEnv.PATH = env.PATH;
  return { host, port, provider, storage, readOnly, env: serverEnv };
}
