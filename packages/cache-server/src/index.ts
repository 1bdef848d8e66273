export {
  type CacheServerConfig,
  cacheServerConfig,
  DEFAULT_HOST,
  DEFAULT_PORT,
  MIN_TOKEN_LENGTH,
  STORAGE_PROVIDERS,
} from './config.js';
export {
  type RunningCacheServer,
  remoteCacheCli,
  type StartCacheServerOptions,
  startCacheServer,
} from './server.js';
