// The real turborepo-remote-cache on loopback, driven the way turbo drives it (its v8 artifacts API).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode } from '@modelspecs/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningCacheServer, startCacheServer } from '../src/index.js';

const writeToken = randomBytes(16).toString('hex');
const readToken = randomBytes(16).toString('hex');
const storage = mkdtempSync(join(tmpdir(), 'modelspecs-cache-server-'));
const artifact = Buffer.from('a build output');
const ARTIFACT_ID = '0123456789abcdef';

const artifactUrl = (server: RunningCacheServer) =>
  `${server.url}/v8/artifacts/${ARTIFACT_ID}?slug=modelspecs`;
const put = (server: RunningCacheServer, token: string) =>
  fetch(artifactUrl(server), {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: artifact,
  });
const get = (server: RunningCacheServer, token: string) =>
  fetch(artifactUrl(server), { headers: { authorization: `Bearer ${token}` } });

let writer: RunningCacheServer;
let reader: RunningCacheServer;
beforeAll(async () => {
  // A writer for builds of main and a read-only server for pull requests, on the same storage.
  [writer, reader] = await Promise.all([
    startCacheServer({ env: { TURBO_TOKEN: writeToken, STORAGE_PATH: storage, PORT: '0' } }),
    startCacheServer({
      env: { TURBO_TOKEN: readToken, STORAGE_PATH: storage, PORT: '0', READ_ONLY: 'true' },
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([writer?.stop(), reader?.stop()]);
  rmSync(storage, { recursive: true, force: true });
});

describe('startCacheServer', () => {
  it('listens on 127.0.0.1 by default', () => {
    expect(writer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(writer.output()).toContain(`Server listening at http://127.0.0.1:${writer.port}`);
  });

  it('stores an artifact uploaded with the token in STORAGE_PATH and serves it back', async () => {
    expect((await put(writer, writeToken)).status).toBe(200);
    expect(readdirSync(join(storage, 'modelspecs'))).toContain(ARTIFACT_ID);
    const answer = await get(writer, writeToken);
    expect(answer.status).toBe(200);
    expect(Buffer.from(await answer.arrayBuffer())).toEqual(artifact);
  });

  it('refuses a wrong token, for reads and for writes', async () => {
    expect((await get(writer, readToken)).status).toBe(401);
    expect((await put(writer, 'not-the-token-at-all')).status).toBe(401);
  });

  it('in READ_ONLY mode serves what the writer stored and refuses uploads', async () => {
    await put(writer, writeToken);
    expect((await get(reader, readToken)).status).toBe(200);
    expect((await put(reader, readToken)).status).toBe(403);
    expect((await get(reader, writeToken)).status).toBe(401);
  });

  it('never logs a token', () => {
    for (const server of [writer, reader]) {
      expect(server.output()).not.toContain(writeToken);
      expect(server.output()).not.toContain(readToken);
    }
  });
});

describe('modelspecs-cache-server', () => {
  const cli = fileURLToPath(new URL('../bin/modelspecs-cache-server.js', import.meta.url));

  it('will not start without a token: it names TURBO_TOKEN and exits 2', async () => {
    // The child inherits this environment: a developer's own TURBO_TOKEN must not reach it.
    vi.stubEnv('TURBO_TOKEN', '');
    const run = runNode(cli, [], tmpdir());
    const { code } = await run.exit;
    expect(code).toBe(2);
    expect(run.stderr()).toMatch(/TURBO_TOKEN is not set: the cache server has no default token/);
  });
});
