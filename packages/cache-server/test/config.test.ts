import { UsageError } from '@modelspecs/spec-tools';
import { describe, expect, it } from 'vitest';
import { cacheServerConfig } from '../src/index.js';

const TOKEN = 'a-token-of-enough-length';
const configError = (env: NodeJS.ProcessEnv): UsageError => {
  try {
    cacheServerConfig(env, '/work');
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('cacheServerConfig accepted the settings');
};

describe('cacheServerConfig', () => {
  it('has no default token: a missing or empty TURBO_TOKEN is an error naming it', () => {
    for (const value of [undefined, '', ' , ']) {
      expect(configError({ TURBO_TOKEN: value, STORAGE_PATH: '/cache' }).message).toMatch(
        /^TURBO_TOKEN is not set: the cache server has no default token/,
      );
    }
  });

  it('refuses a short token without printing it', () => {
    const error = configError({ TURBO_TOKEN: `${TOKEN},short-secret`, STORAGE_PATH: '/cache' });
    expect(error.message).toMatch(/^TURBO_TOKEN: token 2 of 2 is shorter than 16 characters/);
    expect(error.message).not.toContain('short-secret');
    expect(error.message).not.toContain(TOKEN);
  });

  it('needs STORAGE_PATH, named as a folder or as a bucket', () => {
    expect(configError({ TURBO_TOKEN: TOKEN }).message).toMatch(/^STORAGE_PATH is not set: name the folder/);
    expect(configError({ TURBO_TOKEN: TOKEN, STORAGE_PROVIDER: 's3' }).message).toMatch(
      /^STORAGE_PATH is not set: name the bucket/,
    );
  });

  it('refuses unauthenticated modes, unknown providers and bad ports, naming the variable', () => {
    const base = { TURBO_TOKEN: TOKEN, STORAGE_PATH: '/cache' };
    expect(configError({ ...base, AUTH_MODE: 'none' }).message).toMatch(/^AUTH_MODE=none is not supported/);
    expect(configError({ ...base, STORAGE_PROVIDER: 'ftp' }).message).toMatch(
      /^STORAGE_PROVIDER=ftp is not one of/,
    );
    expect(configError({ ...base, PORT: '80a' }).message).toMatch(/^PORT=80a is not a port number/);
    expect(configError({ ...base, PORT: '70000' }).message).toMatch(/^PORT=70000/);
    expect(configError({ ...base, READ_ONLY: 'yes' }).message).toMatch(/^READ_ONLY=yes is not true or false/);
  });

  it('binds 127.0.0.1 by default and keeps a relative folder where it was asked for, not under /tmp', () => {
    const config = cacheServerConfig({ TURBO_TOKEN: ` ${TOKEN} `, STORAGE_PATH: 'cache' }, '/work');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      provider: 'local',
      storage: '/work/cache',
    });
    expect(config.env).toMatchObject({
      HOST: '127.0.0.1',
      TURBO_TOKEN: TOKEN,
      AUTH_MODE: 'static',
      STORAGE_PATH: '/work/cache',
      STORAGE_PATH_USE_TMP_FOLDER: 'false',
      READ_ONLY: 'false',
    });
  });

  it('passes on storage credentials and READ_ONLY, and nothing else of the environment', () => {
    const config = cacheServerConfig({
      TURBO_TOKEN: TOKEN,
      STORAGE_PROVIDER: 'S3',
      STORAGE_PATH: 'team-cache',
      S3_ACCESS_KEY: 'id',
      S3_SECRET_KEY: 'secret',
      READ_ONLY: 'true',
      TENSORAS_API_KEY: 'not-for-the-cache',
      HOST: '0.0.0.0',
    });
    expect(config).toMatchObject({ provider: 's3', storage: 'team-cache', readOnly: true, host: '0.0.0.0' });
    expect(config.env).toMatchObject({ S3_ACCESS_KEY: 'id', S3_SECRET_KEY: 'secret', READ_ONLY: 'true' });
    expect(cacheServerConfig({ TURBO_TOKEN: TOKEN, STORAGE_PATH: '/c', READ_ONLY: '' }).env.READ_ONLY).toBe(
      'false',
    );
    expect(config.env).not.toHaveProperty('TENSORAS_API_KEY');
  });
});
