import { describe, expect, it } from 'vitest';
import { CDN_ASSET_REPLACEMENTS, replaceCdnAssets, viewTimeExternalUrls } from '../src/offline.js';

describe('viewTimeExternalUrls', () => {
  it('finds everything a browser would fetch from another host when showing the page', () => {
    const html = `<html><head>
      <script src="https://cdn.example.test/redoc.js"></script>
      <link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">
      <style>@import url("https://styles.test/a.css"); body { background: url(https://img.test/bg.png) }</style>
      <script type="module">import { hydrate } from "https://esm.test/redoc.mjs";
        const logo = \`https://cdn.redoc.ly/redoc/logo.svg\`;</script>
      </head><body><img alt="" src="http://img.test/x.png"><iframe src="https://frame.test/"></iframe></body></html>`;
    expect(viewTimeExternalUrls(html, [])).toEqual([
      '//fonts.googleapis.com/css?family=Roboto',
      'http://img.test/x.png',
      'https://cdn.example.test/redoc.js',
      'https://cdn.redoc.ly/redoc/logo.svg',
      'https://esm.test/redoc.mjs',
      'https://frame.test/',
      'https://img.test/bg.png',
      'https://styles.test/a.css',
    ]);
  });

  it('ignores links the reader follows, relative and inline resources, and allowed prefixes', () => {
    const html = `<a href="https://docs.vendor.test/models">docs</a> <img src="data:image/svg+xml,x">
      <script src="./local.js"></script> <svg xmlns="http://www.w3.org/2000/svg"></svg>
      <script>const icons = \`https://cdn.redocly.com/icons/fa/7.0.0\`;</script>`;
    expect(viewTimeExternalUrls(html, ['https://cdn.redocly.com/icons/'])).toEqual([]);
    expect(viewTimeExternalUrls(html, [])).toEqual(['https://cdn.redocly.com/icons/fa/7.0.0']);
  });
});

describe('replaceCdnAssets', () => {
  it('swaps every known CDN image for an inline one that the check accepts', () => {
    const html = CDN_ASSET_REPLACEMENTS.map(({ url }) => `<script>const a = \`${url}\`;</script>`).join('\n');
    expect(viewTimeExternalUrls(html).length).toBe(CDN_ASSET_REPLACEMENTS.length);
    const replaced = replaceCdnAssets(html);
    expect(viewTimeExternalUrls(replaced)).toEqual([]);
    for (const { replacement } of CDN_ASSET_REPLACEMENTS) {
      expect(replaced).toContain(replacement);
      // It sits inside JavaScript template literals: nothing in it may end or interpolate one.
      expect(replacement).not.toMatch(/[`$<]/);
    }
  });
});
