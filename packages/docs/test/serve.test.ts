import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@modelspecs/spec-tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalData } from '../src/build.js';
import { type DocsServer, serveDocs } from '../src/serve.js';
import { fakeSite } from './helpers.js';

describe('serveDocs', () => {
  let dir: string;
  let server: DocsServer;

  beforeAll(async () => {
    dir = await fakeSite();
    server = await serveDocs({ dir, port: 0, mockUrls: { acme: 'http://127.0.0.1:6123/v9' } });
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on loopback by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves the portal rendered with the mock addresses it was given', async () => {
    for (const path of ['', 'index.html']) {
      const res = await fetch(new URL(path, server.url));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const html = await res.text();
      expect(html).toContain('id="vendor-acme"');
      expect(html).toContain('href="http://127.0.0.1:6123/v9" data-link="mock"');
    }
  });

  it('serves each reference under its folder and the downloads beside it', async () => {
    const redirect = await fetch(new URL('acme', server.url), { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/acme/');
    const page = await fetch(new URL('acme/', server.url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('acme reference');
    const yaml = await fetch(new URL('acme/acme.openapi.yaml', server.url));
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toMatch(/yaml/);
  });

  it('shows a rebuilt site without a restart', async () => {
    const data = JSON.parse(readFileSync(join(dir, 'portal.json'), 'utf8')) as PortalData;
    data.vendors[0]!.name = 'Acme Rebuilt';
    writeFileSync(join(dir, 'portal.json'), JSON.stringify(data));
    writeFileSync(
      join(dir, 'acme', 'index.html'),
      '<!DOCTYPE html><title>acme reference, rebuilt and longer</title>',
    );
    expect(await (await fetch(server.url)).text()).toContain('<h3>Acme Rebuilt</h3>');
    expect(await (await fetch(new URL('acme/', server.url))).text()).toContain('rebuilt and longer');
  });

  it('answers 404 for unknown paths, 405 for writes, and never serves files outside the site', async () => {
    expect((await fetch(new URL('nope/', server.url))).status).toBe(404);
    expect((await fetch(new URL('acme/', server.url), { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${server.url}..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });
});

describe('serveDocs errors', () => {
  it('says how to render the site when it is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'modelspecs-docs-empty-'));
    try {
      const failure = serveDocs({ dir: empty, port: 0 });
      await expect(failure).rejects.toBeInstanceOf(UsageError);
      await expect(failure).rejects.toThrow(/pnpm turbo run docs/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('names the address when the port is taken', async () => {
    const dir = await fakeSite();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(serveDocs({ dir, port })).rejects.toThrow(`127.0.0.1:${port} is already in use`);
    } finally {
      blocker.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
