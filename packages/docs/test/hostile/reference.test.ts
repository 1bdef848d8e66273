/**
 * The real build (spec-tools bundle + `redocly build-docs` + the hardening) on hostile fixture specs: a spec whose
 * Markdown loads from other hosts is refused with every URL named; a spec full of script, frames and refreshes is
 * published only as a page that cannot run them (Redoc's sanitising on, no server-rendered markup, a script-src of
 * the page's own script hashes, no frame, no refresh, no root-relative link). The browser half is test/e2e/hostile.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SpecError } from '@modelspecs/spec-tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build.js';
import { unsafeMarkup } from '../../src/harden.js';
import { tempWorkspace } from '../helpers.js';

describe('hostile: the build refuses a spec that loads from other hosts', () => {
  it('names every remote load and writes nothing', async () => {
    const root = tempWorkspace(['remote-loads']);
    try {
      const outDir = join(root, 'site');
      const failure = await buildSite({ root, outDir }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SpecError);
      const text = (failure as SpecError).message;
      for (const url of [
        'https://img.remote.test/md.png',
        'https://img.remote.test/unquoted.png',
        'https://img.remote.test/2x.png',
        'https://remote.test/away',
        '//img.remote.test/bg.png',
        'https://css.remote.test/a.css',
        'https://img.remote.test/ref.png',
      ]) {
        expect(text).toContain(`the page would fetch ${url} when viewed`);
      }
      expect(text).not.toContain('docs.remote.test');
      expect(existsSync(join(outDir, 'index.html'))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('hostile: a spec with script, frames and refreshes in its Markdown', () => {
  let root: string;
  let html: string;

  beforeAll(async () => {
    root = tempWorkspace(['hostile']);
    await buildSite({ root, outDir: join(root, 'site') });
    html = readFileSync(join(root, 'site', 'hostile', 'index.html'), 'utf8');
  }, 120_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is published with Redoc sanitising its Markdown and no server-rendered markup', () => {
    const options = JSON.parse(/const __redoc_options = (.*);\n/.exec(html)![1]!);
    expect(options.sanitize).toBe(true);
    expect(html).toContain('<div id="redoc"></div>');
    const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
    expect(markup).not.toMatch(/<iframe|<object|<embed|http-equiv="?refresh|__hostile/i);
    expect(markup).not.toMatch(/\s(?:href|src)="\//);
  });

  it('lets only its own inline scripts run: script-src is their hashes and nothing else', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1]!;
    const scriptSrc = /script-src ([^;]*)/.exec(csp)![1]!.trim().split(/\s+/);
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const hashes = scripts.map((body) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
    expect(scriptSrc.sort()).toEqual([...new Set(hashes)].sort());
    expect(csp).toMatch(/frame-src 'none'/);
    expect(csp).toMatch(/child-src 'none'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/base-uri 'none'/);
    expect(unsafeMarkup(html)).toEqual([]);
  });
});

describe('unsafeMarkup', () => {
  const page = (csp: string, body = '') =>
    `<html><head><meta http-equiv="Content-Security-Policy" content="${csp}"></head><body>${body}<script type="module">const __redoc_options = {"sanitize":true};</script></body></html>`;
  const strict = "script-src 'sha256-x'; frame-src 'none'; child-src 'none'; object-src 'none'";

  it('accepts a page with a strict policy and nothing unsafe', () => {
    expect(unsafeMarkup(page(strict, '<a href="../">portal</a><a href="#/models">m</a>'))).toEqual([]);
  });

  it.each([
    [
      "script-src 'self' 'unsafe-inline'; frame-src 'none'; child-src 'none'; object-src 'none'",
      '',
      /script-src/,
    ],
    ["script-src 'sha256-x'; object-src 'none'", '', /frame-src/],
    [strict, '<meta http-equiv="refresh" content="0;url=/x">', /navigates itself away/],
    [strict, '<iframe srcdoc="x"></iframe>', /holds <iframe/],
    [strict, '<a href="/models">m</a>', /root-relative/],
    [strict, '<a href="//evil.test/">m</a>', /root-relative/],
  ])('refuses %s with %s', (csp, body, problem) => {
    expect(unsafeMarkup(page(csp, body)).join('\n')).toMatch(problem);
  });
});
