import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleSpec, SpecError, serializeBundle } from '@modelspecs/spec-tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, type PortalData } from '../src/build.js';
import { viewTimeExternalUrls } from '../src/offline.js';
import { tempWorkspace } from './helpers.js';

/** The spec embedded in a rendered page, as Redoc's hydrate script receives it. */
function embeddedDefinition(html: string): {
  paths: Record<string, Record<string, { operationId?: string }>>;
} {
  const match = /const __redoc_definition = (.*);\n/.exec(html);
  expect(match, 'the page embeds its definition').not.toBeNull();
  return JSON.parse(match![1]!);
}

describe('buildSite (real Redocly CLI)', () => {
  let root: string;
  let outDir: string;

  beforeAll(async () => {
    root = tempWorkspace();
    outDir = join(root, 'site');
    mkdirSync(join(outDir, 'retired'), { recursive: true });
    writeFileSync(join(outDir, 'retired', 'index.html'), 'a vendor that no longer exists');
    mkdirSync(join(outDir, 'acme'), { recursive: true });
    writeFileSync(join(outDir, 'acme', 'openapi.yaml'), 'a download under the name an older build used');
    await buildSite({ root, outDir });
  }, 60_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes the reference, the bundled spec in both formats, the portal and its data', async () => {
    const doc = await bundleSpec(join(root, 'specs', 'acme', 'openapi.yaml'), root);
    const { json, yaml } = serializeBundle(doc);
    expect(readFileSync(join(outDir, 'acme', 'acme.openapi.json'), 'utf8')).toBe(json);
    expect(readFileSync(join(outDir, 'acme', 'acme.openapi.yaml'), 'utf8')).toBe(yaml);
    expect(existsSync(join(outDir, 'acme', 'openapi.yaml')), 'a download under its old name removed').toBe(
      false,
    );
    const data = JSON.parse(readFileSync(join(outDir, 'portal.json'), 'utf8')) as PortalData;
    expect(data.vendors.map((v) => v.slug)).toEqual(['acme']);
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toContain('id="vendor-acme"');
    expect(existsSync(join(outDir, 'retired')), 'stale vendor folder removed').toBe(false);
  });

  it('renders a page that embeds Redoc and its spec and fetches nothing from another host', () => {
    const html = readFileSync(join(outDir, 'acme', 'index.html'), 'utf8');
    expect(html).toContain(
      '<title>Acme &lt;script&gt;alert(&quot;vendor&quot;)&lt;/script&gt; &amp; Co API reference',
    );
    expect(html).toContain('<meta http-equiv="Content-Security-Policy"');
    expect(html).toContain('<a href="../" data-link="portal">');
    expect(html).toContain('<a href="acme.openapi.yaml" download data-link="yaml">acme.openapi.yaml</a>');
    expect(html).toContain('<a href="acme.openapi.json" download data-link="json">acme.openapi.json</a>');
    expect(html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,/);
    expect(html).toContain('<script type="module">');
    expect(html).toContain('"disableTelemetry":true');
    expect(html).not.toContain('cdn.redoc.ly');
    expect(viewTimeExternalUrls(html)).toEqual([]);
    const definition = embeddedDefinition(html);
    expect(Object.keys(definition.paths)).toEqual(['/models', '/models/{model_id}']);
  });

  it('shows the curl, TypeScript, Python and JavaScript samples (the languages redocly.yaml lists)', () => {
    const html = readFileSync(join(outDir, 'acme', 'index.html'), 'utf8');
    const options = /const __redoc_options = (.*);\n/.exec(html);
    const redoc = JSON.parse(options![1]!);
    expect(redoc.codeSamples.languages).toEqual([
      { lang: 'curl' },
      { lang: 'TypeScript' },
      { lang: 'Python' },
      { lang: 'JavaScript' },
    ]);
    expect(redoc.sanitize).toBe(true);
    expect(redoc.downloadUrls).toEqual([
      { title: 'acme.openapi.yaml', url: 'acme.openapi.yaml' },
      { title: 'acme.openapi.json', url: 'acme.openapi.json' },
    ]);
  });

  it('rebuilds only the vendors asked for and keeps the others on the portal', async () => {
    const beta = join(root, 'specs', 'beta');
    cpSync(join(root, 'specs', 'acme'), beta, { recursive: true });
    writeFileSync(
      join(beta, 'package.json'),
      JSON.stringify({
        name: '@modelspecs/spec-beta',
        modelspecs: { envVar: 'BETA_API_KEY', mockPort: 4998 },
      }),
    );
    const spec = readFileSync(join(beta, 'openapi.yaml'), 'utf8');
    writeFileSync(join(beta, 'openapi.yaml'), spec.replace(/x-vendor: .*/, 'x-vendor: Beta'));
    const acmePage = readFileSync(join(outDir, 'acme', 'index.html'), 'utf8');
    const built = await buildSite({ root, outDir, vendors: 'beta' });
    expect(built.vendors.map((v) => v.slug)).toEqual(['beta']);
    const data = JSON.parse(readFileSync(join(outDir, 'portal.json'), 'utf8')) as PortalData;
    // Discovery order is mock-port order: beta (4998) before acme (4999).
    expect(data.vendors.map((v) => [v.slug, v.name])).toEqual([
      ['beta', 'Beta'],
      ['acme', 'Acme <script>alert("vendor")</script> & Co'],
    ]);
    expect(readFileSync(join(outDir, 'acme', 'index.html'), 'utf8')).toBe(acmePage);
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toContain('id="vendor-beta"');
    rmSync(beta, { recursive: true, force: true });
  }, 60_000);

  it('fails naming the spec when it cannot be rendered, and leaves the old site untouched', async () => {
    const before = readFileSync(join(outDir, 'index.html'), 'utf8');
    writeFileSync(join(root, 'specs', 'acme', 'openapi.yaml'), 'openapi: 3.1.0\ninfo: [not, a, mapping\n');
    const failure = await buildSite({ root, outDir }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SpecError);
    expect((failure as Error).message).toMatch(/openapi\.yaml/);
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toBe(before);
  });
});
