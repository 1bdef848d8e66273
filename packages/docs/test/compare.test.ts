import { describe, expect, it } from 'vitest';
import { exampleRows, renderComparePage } from '../src/compare.js';
import { sha256 } from '../src/harden.js';
import { viewTimeExternalUrls } from '../src/offline.js';
import { summarizeVendor } from '../src/vendor-summary.js';
import { acmeVendor, loadFixture } from './helpers.js';

describe('the compare page', () => {
  it('normalizes the spec example with its declaration, exactly', async () => {
    const rows = exampleRows(await loadFixture('acme/openapi.yaml'), 'acme');
    expect(
      rows.map((r) => [
        r.id.value,
        r.inputPrice?.perMillion,
        r.outputPrice?.perMillion,
        r.outputPrice?.usdPerMillion,
      ]),
    ).toEqual([
      ['a', '0.5', '2', '0.02'],
      ['b', '0.25', '1.5', '0.015'],
    ]);
  });

  it("renders a sortable table with each value's source on hover, allowing only its own script", async () => {
    const summary = summarizeVendor(await loadFixture('acme/openapi.yaml'), acmeVendor);
    const html = renderComparePage([summary]);
    expect(html).toContain(
      '<td data-sort="USD 0.5" title="source: /pricing/input = 0.5 per-1m">0.5 USD</td>',
    );
    expect(html).toContain('<td data-sort="8192" title="source: /context_window">8192</td>');
    expect(html).toContain(
      '<th scope="col" data-column="9" data-type="number"><button type="button">Input USD / 1M</button></th>',
    );
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1]!;
    expect(csp).toContain(`script-src ${sha256(script)};`);
    expect(csp).toMatch(/^default-src 'none';/);
    expect(viewTimeExternalUrls(html, [])).toEqual([]);
  });
});
