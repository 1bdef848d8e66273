import { serverOf } from '@modelspecs/spec-tools';
import { describe, expect, it } from 'vitest';
import { viewTimeExternalUrls } from '../src/offline.js';
import { renderPortal } from '../src/portal.js';
import { defaultMockUrl, describeAuth, summarizeVendor, type VendorSummary } from '../src/vendor-summary.js';
import { acmeVendor, loadFixture } from './helpers.js';

async function acme(): Promise<VendorSummary> {
  return summarizeVendor(await loadFixture('acme/openapi.yaml'), acmeVendor);
}

/** The markup of one vendor's card. */
function cardOf(html: string, slug: string): string {
  const start = html.indexOf(`<article class="card" id="vendor-${slug}"`);
  expect(start, `no card for ${slug}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</article>', start));
}

describe('summarizeVendor', () => {
  it('reads the card facts from the spec and the vendor manifest', async () => {
    const summary = await acme();
    expect(summary).toMatchObject({
      slug: 'acme',
      name: 'Acme <script>alert("vendor")</script> & Co',
      title: 'Acme <Models> API',
      version: 'v9',
      baseUrl: 'https://api.acme.test/v9',
      envVar: 'ACME_API_KEY',
      mockUrl: 'http://127.0.0.1:4999/v9',
      operations: [
        { method: 'GET', path: '/models', operationId: 'listModels', summary: 'List models' },
        { method: 'GET', path: '/models/{model_id}', operationId: 'getModel', summary: 'Get a model' },
      ],
      sourcePages: [
        { url: 'https://docs.acme.test/models?a=1&b=2', retrieved: '2026-11' },
        { url: 'javascript:alert(1)', retrieved: '2026-11' },
      ],
    });
    expect(summary.discrepancies).toHaveLength(1);
    expect(summary.discrepancies[0]!.sources).toHaveLength(2);
  });

  it('describes each security alternative, joining schemes sent together', async () => {
    expect(describeAuth(await loadFixture('acme/openapi.yaml'))).toEqual([
      'Bearer token in Authorization (API key (acme_…))',
      'API key in header X-Acme-Key + API key in header X-Acme-App',
    ]);
    expect(describeAuth(await loadFixture('bare.yaml'))).toEqual(['none']);
  });

  it('puts the mock on loopback at its port, under the base path of the server URL', () => {
    const at = (url: string) =>
      serverOf({ openapi: '3.1.0', info: { title: 't', version: '1' }, servers: [{ url }] }, 'x');
    expect(defaultMockUrl(at('https://api.acme.test/v9/'), 4010)).toBe('http://127.0.0.1:4010/v9');
    expect(defaultMockUrl(at('https://inference.acme.test'), 4012)).toBe('http://127.0.0.1:4012');
    expect(defaultMockUrl(at('/v2'), 4014)).toBe('http://127.0.0.1:4014/v2');
  });

  it('fills server variables with their defaults, in the base URL and the mock URL', async () => {
    const doc = await loadFixture('acme/openapi.yaml');
    doc.servers = [
      {
        url: 'https://{region}.acme.test/{version}',
        variables: { region: { default: 'eu' }, version: { default: 'v3' } },
      },
    ];
    const summary = summarizeVendor(doc, acmeVendor);
    expect(summary.baseUrl).toBe('https://eu.acme.test/v3');
    expect(summary.mockUrl).toBe(`http://127.0.0.1:${acmeVendor.mockPort}/v3`);
  });

  it("falls back to the spec's title when it has no x-vendor", async () => {
    const summary = summarizeVendor(await loadFixture('bare.yaml'), { ...acmeVendor, slug: 'bare' });
    expect(summary.name).toBe('Bare Jobs API');
    expect(summary.discrepancies).toEqual([]);
    expect(summary.sourcePages).toEqual([]);
  });
});

describe('renderPortal', () => {
  it('renders one card per vendor with its facts and links', async () => {
    const bare = summarizeVendor(await loadFixture('bare.yaml'), {
      ...acmeVendor,
      slug: 'bare',
      mockPort: 4998,
    });
    const html = renderPortal([await acme(), bare]);
    expect(html.match(/<article class="card"/g)).toHaveLength(2);
    // In the order given (buildSite gives discovery order): the cards, and the model table's rows.
    for (const [summaries, order] of [
      [
        [await acme(), bare],
        ['acme', 'bare'],
      ],
      [
        [bare, await acme()],
        ['bare', 'acme'],
      ],
    ] as const) {
      const page = renderPortal(summaries);
      expect([...page.matchAll(/<article class="card" id="vendor-([^"]+)"/g)].map((m) => m[1])).toEqual(
        order,
      );
      expect([...page.matchAll(/<tr data-vendor="([^"]+)"/g)].map((m) => m[1])).toEqual(order);
    }
    const card = cardOf(html, 'acme');
    expect(card).toContain('<code data-field="base-url">https://api.acme.test/v9</code>');
    expect(card).toContain('<span data-field="operation-count">2</span> operations');
    expect(card).toContain('<li>API key in header X-Acme-Key + API key in header X-Acme-App</li>');
    expect(card).toContain('<code>ACME_API_KEY</code>');
    expect(card).toContain('<a href="https://docs.acme.test/models?a=1&amp;b=2">');
    expect(card).toContain('<a class="primary" href="acme/" data-link="reference">');
    // Written beside the reference by `modelspecs-api-diff portal` in the docs task.
    expect(card).toContain('<a href="acme/changes.html" data-link="changes">API changes</a>');
    expect(card).toContain(
      '<a href="acme/acme.openapi.yaml" download data-link="yaml">acme.openapi.yaml</a>',
    );
    expect(card).toContain(
      '<a href="acme/acme.openapi.json" download data-link="json">acme.openapi.json</a>',
    );
    expect(card).toContain('<a href="http://127.0.0.1:4999/v9" data-link="mock">Local mock</a>');
    expect(card).toContain('<a href="#discrepancies-acme">1 documented</a>');
    expect(cardOf(html, 'bare')).toContain('<span data-field="operation-count">1</span> operation<');
  });

  it('escapes every string that comes from a spec and links no script URL', async () => {
    const html = renderPortal([await acme()]);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<em>');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('<h3>Acme &lt;script&gt;alert(&quot;vendor&quot;)&lt;/script&gt; &amp; Co</h3>');
    expect(html).toContain('<summary>Injection &lt;img src=x onerror=alert(1)&gt;</summary>');
    expect(html).toContain('The <code>id</code> is &lt;em&gt;lowercase&lt;/em&gt;.');
    expect(html).toContain('see <a href="https://docs.acme.test/b">https://docs.acme.test/b</a>.');
    expect(html).toContain('<strong>javascript:alert(2)</strong>');
  });

  it('shows what each model object exposes as the spec declares it, with the reason for what it does not', async () => {
    const bare = summarizeVendor(await loadFixture('bare.yaml'), { ...acmeVendor, slug: 'bare' });
    const html = renderPortal([await acme(), bare]);
    const row = (slug: string) => {
      const start = html.indexOf(`<tr data-vendor="${slug}">`);
      return html.slice(start, html.indexOf('</tr>', start));
    };
    const acmeRow = row('acme');
    expect(acmeRow).toContain('items of <code>GET /models</code>');
    expect(acmeRow).toContain(
      '<li data-dimension="contextLength"><span class="dim">Context length</span> <code>/context_window</code></li>',
    );
    expect(acmeRow).toContain(
      '<code>/pricing/output</code> <span class="unit">per token · credits (1 credit = 0.01 USD)</span>',
    );
    expect(acmeRow).toContain('<span class="absent">not exposed: Only the get body has limits.</span>');
    expect(acmeRow).toContain('not exposed: No &lt;b&gt;provider&lt;/b&gt; field.');
    expect(row('bare')).toContain('no x-modelspecs-list catalog declaration');
    expect(row('bare')).not.toContain('<code>');
    expect(html).toContain('<a href="compare.html">Compare the models</a>');
  });

  it('links the mocks at the addresses it is given', async () => {
    const html = renderPortal([await acme()], { mockUrls: { acme: 'http://127.0.0.1:5999/v9' } });
    expect(cardOf(html, 'acme')).toContain('<a href="http://127.0.0.1:5999/v9" data-link="mock">');
    expect(html).not.toContain('127.0.0.1:4999');
  });

  it('is a self-contained page: no script, and nothing fetched from another host', async () => {
    const html = renderPortal([await acme()]);
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\';');
    expect(html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,/);
    expect(viewTimeExternalUrls(html, [])).toEqual([]);
  });
});
