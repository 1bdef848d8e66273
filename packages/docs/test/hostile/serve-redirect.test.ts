/**
 * The docs server never redirects to another origin: a folder request without its slash is answered with a
 * Location built from the folder's place in the site, whatever slashes, backslashes, encodings or control
 * characters the request path carries. Requests go over a raw socket so that nothing normalises them on the way.
 */
import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DocsServer, folderLocation, isSameOriginPath, serveDocs } from '../../src/serve.js';
import { fakeSite } from '../helpers.js';

interface RawAnswer {
  status: number;
  location: string | undefined;
}

/** Sends `GET <path>` byte for byte and reads the status line and the Location header. */
function rawGet(base: URL, path: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(base.port), base.hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${base.host}\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      data += chunk;
    });
    socket.on('error', reject);
    socket.on('end', () => {
      const head = data.split('\r\n\r\n')[0] ?? '';
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      const location = /\r\nlocation: ([^\r\n]*)/i.exec(head)?.[1];
      resolve({ status, location });
    });
  });
}

/** Paths that try to turn the folder redirect into one to another host. */
const HOSTILE_PATHS = [
  '/%2F127.0.0.2:5202%2F..%2Facme',
  '/%2F127.0.0.2:5202%2F..%2Ftensoras',
  '//127.0.0.2:5202/../acme',
  '///127.0.0.2/../../acme',
  '/%2F%2F127.0.0.2/..%2F..%2Facme',
  '/%2F/127.0.0.2/../acme',
  '/\\127.0.0.2/../acme',
  '/\\\\127.0.0.2/../acme',
  '/%5C127.0.0.2%2F..%2Facme',
  '/%5C%5C127.0.0.2/../acme',
  '/%5C/127.0.0.2/../acme',
  '/%09/127.0.0.2/../acme',
  '/%0A/127.0.0.2/../acme',
  '/%0D%0A/127.0.0.2/../acme',
  '/%09%2F127.0.0.2/../acme',
  '/%2F%09127.0.0.2/../acme',
  '/\t/127.0.0.2/../acme',
  '/%00/127.0.0.2/../acme',
  '/%2Facme',
  '/.%2Facme',
  '/%2E/acme',
  '/acme/%2E',
  '/acme/.',
  '/acme/%2E%2E',
  '/https:%2F%2F127.0.0.2%2F..%2F..%2Facme',
  '/%252F127.0.0.2%252F..%252Facme',
];

describe('hostile: the docs server redirects only to its own folders', () => {
  let dir: string;
  let server: DocsServer;
  let base: URL;

  beforeAll(async () => {
    dir = await fakeSite();
    server = await serveDocs({ dir, port: 0 });
    base = new URL(server.url);
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('still redirects a folder without its slash to the folder', async () => {
    await expect(rawGet(base, '/acme')).resolves.toEqual({ status: 301, location: '/acme/' });
  });

  it.each(HOSTILE_PATHS)('GET %j: any redirect is a same-origin path', async (path) => {
    const answer = await rawGet(base, path);
    expect(answer.status, 'the server answers').toBeGreaterThanOrEqual(200);
    if (answer.status >= 300 && answer.status < 400) {
      const location = answer.location ?? '';
      expect(location, 'one leading slash, no second slash or backslash').toMatch(/^\/(?![/\\])/);
      expect(location).not.toMatch(/[\s\\]/);
      expect(new URL(location, base).origin).toBe(base.origin);
      expect(['/', '/acme/']).toContain(location);
    } else {
      expect(answer.location).toBeUndefined();
    }
  });
});

describe('folderLocation and isSameOriginPath', () => {
  it('build a same-origin path from any folder name', () => {
    expect(folderLocation('acme')).toBe('/acme/');
    expect(folderLocation('')).toBe('/');
    expect(folderLocation('a b/c')).toBe('/a%20b/c/');
    expect(folderLocation('\\\\evil.test')).toBe('/%5C%5Cevil.test/');
    expect(folderLocation('\tx')).toBe('/%09x/');
  });

  it('refuse every Location a browser would take to another origin', () => {
    for (const bad of [
      '//evil.test/',
      '/\\evil.test/',
      '\\\\evil.test',
      'https://evil.test/',
      'evil/',
      '/\t/x',
      '/a\\b',
      '',
    ]) {
      expect(isSameOriginPath(bad), bad).toBe(false);
    }
    for (const good of ['/', '/acme/', '/a%2F%2Fb/']) expect(isSameOriginPath(good), good).toBe(true);
  });
});
