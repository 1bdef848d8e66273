import { describe, expect, it } from 'vitest';
import { escapeHtml, link, proseToHtml, safeHref } from '../src/html.js';

describe('escapeHtml', () => {
  it('escapes every character that can open markup or end an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\`</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    );
  });
});

describe('safeHref and link', () => {
  it('links http(s) URLs only', () => {
    expect(safeHref('https://docs.acme.test/a?b=1&c=2')).toBe('https://docs.acme.test/a?b=1&c=2');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<script>')).toBeUndefined();
    expect(link('javascript:alert(1)', 'x')).toBe('x');
    expect(link('https://a.test/?q="x"', 'A & B', { 'data-link': 'doc' })).toBe(
      '<a href="https://a.test/?q=%22x%22" data-link="doc">A &amp; B</a>',
    );
  });
});

describe('proseToHtml', () => {
  it('turns code spans and URLs into markup and escapes everything else', () => {
    expect(proseToHtml('Use `<id>` (see https://docs.acme.test/a). <b>bold</b>')).toBe(
      'Use <code>&lt;id&gt;</code> (see <a href="https://docs.acme.test/a">https://docs.acme.test/a</a>). &lt;b&gt;bold&lt;/b&gt;',
    );
  });

  it('does not link a URL that would break out of its attribute', () => {
    const html = proseToHtml('https://x.test/"onmouseover="alert(1)');
    expect(html).not.toContain('"onmouseover');
    expect(html).toContain('&quot;onmouseover=&quot;alert(1)');
  });
});
