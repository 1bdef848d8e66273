/**
 * The offline check finds every remote load a page would make when shown, wherever it hides: in the page's
 * markup, and in the Markdown and HTML of the spec the page embeds (Redoc renders it in the browser), behind JSON
 * escapes or HTML character references. Links the reader follows are not loads.
 */
import { describe, expect, it } from 'vitest';
import { viewTimeExternalUrls } from '../../src/offline.js';

/** A page shaped like the rendered reference: Redoc's hydrate script with the spec embedded as JSON. */
function pageEmbedding(description: string): string {
  const definition = JSON.stringify({
    openapi: '3.1.0',
    info: { title: 't', version: '1', description },
  }).replace(/</g, '\\u003c');
  return `<!DOCTYPE html><html><head></head><body><div id="redoc"></div><script type="module">
const __redoc_definition = ${definition};
const __redoc_options = {};
</script></body></html>`;
}

/** One remote load of each kind, as a spec's Markdown would carry it. */
const LOADS: readonly [string, string, string][] = [
  ['markdown image', '![pixel](https://img.evil.test/md.png)', 'https://img.evil.test/md.png'],
  ['markdown image, title', '![p](https://img.evil.test/t.png "t")', 'https://img.evil.test/t.png'],
  ['markdown image, angle brackets', '![p](<https://img.evil.test/a.png>)', 'https://img.evil.test/a.png'],
  [
    'reference-style image',
    '![p][logo]\n\n[logo]: https://img.evil.test/ref.png',
    'https://img.evil.test/ref.png',
  ],
  ['<img src> unquoted', '<img src=https://img.evil.test/u.png>', 'https://img.evil.test/u.png'],
  ['<IMG SRC> upper case', "<IMG SRC='HTTPS://IMG.EVIL.TEST/UP.PNG'>", 'HTTPS://IMG.EVIL.TEST/UP.PNG'],
  ['protocol-relative img', '<img src="//img.evil.test/p.png">', '//img.evil.test/p.png'],
  ['img srcset', '<img srcset="a.png 1x, https://img.evil.test/2x.png 2x">', 'https://img.evil.test/2x.png'],
  [
    'picture source srcset',
    '<picture><source srcset="//img.evil.test/s.webp"></picture>',
    '//img.evil.test/s.webp',
  ],
  ['entity-encoded img', '<img src="&#104;ttps://img.evil.test/e.png">', 'https://img.evil.test/e.png'],
  ['iframe', '<iframe src="https://frame.evil.test/"></iframe>', 'https://frame.evil.test/'],
  ['script', '<script src="https://js.evil.test/x.js"></script>', 'https://js.evil.test/x.js'],
  ['stylesheet', '<link rel="stylesheet" href="https://css.evil.test/a.css">', 'https://css.evil.test/a.css'],
  [
    'preload',
    '<link rel=preload as=image href=https://img.evil.test/pre.png>',
    'https://img.evil.test/pre.png',
  ],
  [
    'css url()',
    '<div style="background:url(https://img.evil.test/bg.png)">x</div>',
    'https://img.evil.test/bg.png',
  ],
  ['css @import', '<style>@import "https://css.evil.test/i.css";</style>', 'https://css.evil.test/i.css'],
  [
    'video poster',
    '<video poster="https://img.evil.test/poster.png"></video>',
    'https://img.evil.test/poster.png',
  ],
  ['audio', '<audio src="https://media.evil.test/a.mp3"></audio>', 'https://media.evil.test/a.mp3'],
  ['object', '<object data="https://obj.evil.test/o.swf"></object>', 'https://obj.evil.test/o.swf'],
  ['embed', '<embed src="https://obj.evil.test/e.swf">', 'https://obj.evil.test/e.swf'],
  ['svg image', '<svg><image href="https://img.evil.test/svg.png"/></svg>', 'https://img.evil.test/svg.png'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.test/">', 'https://evil.test/'],
  [
    'meta refresh, no url=',
    '<meta http-equiv=refresh content="5; https://evil.test/r">',
    'https://evil.test/r',
  ],
  [
    'meta refresh, quoted URL',
    `<meta http-equiv="refresh" content="0; URL='//evil.test/q'">`,
    '//evil.test/q',
  ],
];

describe('hostile: the offline check finds every remote load', () => {
  it.each(LOADS)('%s in a description', (_kind, markdown, url) => {
    expect(viewTimeExternalUrls(pageEmbedding(`Intro.\n\n${markdown}\n`), [])).toEqual([url]);
  });

  it.each(LOADS)('%s in the page markup', (_kind, markup, url) => {
    if (markup.startsWith('![')) return;
    expect(viewTimeExternalUrls(`<html><body>${markup}</body></html>`, [])).toEqual([url]);
  });

  it('lets links, same-origin loads and inline data through', () => {
    const markdown = [
      '[the vendor docs](https://docs.vendor.test/models) and <https://docs.vendor.test/auth>',
      '<a href="https://docs.vendor.test/a">a</a> [ref link][docs]',
      '[docs]: https://docs.vendor.test/ref',
      '![local](images/x.png) <img src="data:image/png;base64,AAAA"> <img src="/__hit/same-origin">',
      '<meta http-equiv="refresh" content="0;url=/same-origin">',
      '`<img src="https://img.evil.test/in-code.png">` is how not to do it',
    ].join('\n\n');
    const urls = viewTimeExternalUrls(pageEmbedding(markdown), []);
    // Code spans are rendered as text, but the check errs on the side of refusing.
    expect(urls).toEqual(['https://img.evil.test/in-code.png']);
  });
});
