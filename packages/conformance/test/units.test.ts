import { listDeclarations, listOperations } from '@modelspecs/spec-tools';
import { describe, expect, it } from 'vitest';
import {
  chooseAlternative,
  isLoopback,
  operationUrl,
  parseBaseUrl,
  redact,
  redactText,
  wrongKeyLike,
} from '../src/index.js';
import { disagreements, itemId, listedItems } from '../src/listing.js';
import { specOf } from './support/specs.js';

describe('base URLs', () => {
  it('joins operation paths to the base path, with or without a trailing slash', () => {
    for (const raw of [
      'http://127.0.0.1:4010/v1',
      'http://127.0.0.1:4010/v1/',
      'http://127.0.0.1:4010/v1//',
    ]) {
      expect(operationUrl(parseBaseUrl(raw), '/models/a%2Fb', { limit: '5' })).toBe(
        'http://127.0.0.1:4010/v1/models/a%2Fb?limit=5',
      );
    }
    expect(operationUrl(parseBaseUrl('http://127.0.0.1:4012'), '/models')).toBe(
      'http://127.0.0.1:4012/models',
    );
  });

  it('rejects what is not an http(s) base URL, naming the flag', () => {
    expect(() => parseBaseUrl('localhost:4010')).toThrow(
      '--base-url: "localhost:4010" must be an http:// or https:// URL',
    );
    expect(() => parseBaseUrl('not a url')).toThrow('--base-url: "not a url" is not a URL');
    expect(() => parseBaseUrl('ftp://127.0.0.1/v1')).toThrow('must be an http:// or https:// URL');
    expect(() => parseBaseUrl('http://user:secret@127.0.0.1/v1')).toThrow('must not carry credentials');
    expect(() => parseBaseUrl('http://127.0.0.1/v1?key=x')).toThrow('must not have a query or fragment');
  });

  it('knows loopback hosts', () => {
    const loopback = ['http://127.0.0.1', 'http://127.8.9.10:1', 'http://localhost', 'http://[::1]:80'];
    const remote = [
      'http://10.0.0.1',
      'http://192.0.2.1',
      'https://api.tensoras.ai',
      'http://[::2]',
      'http://localhost.example.com',
      'http://api.localhost',
      'http://[::ffff:127.0.0.1]',
      'http://128.0.0.1',
    ];
    for (const url of loopback) expect(isLoopback(new URL(url)), url).toBe(true);
    for (const url of remote) expect(isLoopback(new URL(url)), url).toBe(false);
  });
});

describe('credentials', () => {
  it('sends one key through the single-scheme alternative (keyring: X-Api-Key, not the pair of tokens)', async () => {
    const { doc } = await specOf('keyring');
    expect(chooseAlternative(doc, listOperations(doc)[0]!)).toEqual(['apiKeyAuth']);
  });

  it('needs none when the operation opts out', async () => {
    const { doc } = await specOf('acme');
    const entry = listOperations(doc)[0]!;
    entry.operation.security = [];
    expect(chooseAlternative(doc, entry)).toBeUndefined();
    entry.operation.security = [{}, { bearerAuth: [] }];
    expect(chooseAlternative(doc, entry)).toBeUndefined();
  });

  it('makes a wrong key of the same shape', () => {
    for (const key of ['tns_abcdef0123456789', 'sk-quantized-0123456789abcdef', 'tpo_live_0123', 'plain']) {
      const wrong = wrongKeyLike(key);
      expect(wrong).not.toBe(key);
      expect(wrong.length).toBeGreaterThanOrEqual(key.length);
    }
    expect(wrongKeyLike('tns_abcdef0123456789')).toMatch(/^tns_[0-9a-f]{24}$/);
    expect(wrongKeyLike('sk-quantized-0123456789abcdef')).toMatch(/^sk-quantized-[0-9a-f]{24}$/);
    expect(wrongKeyLike('tpo_live_0123')).toMatch(/^tpo_live_/);
  });
});

describe('redaction', () => {
  it('scrubs a key in every form it travels in', () => {
    const key = 'tns_secret_value_42';
    const text = `a ${key} b ${encodeURIComponent('x y')} ${Buffer.from(`${key}:`).toString('base64')}`;
    expect(redactText(text, [key])).not.toContain(key);
    expect(redactText(text, [key])).not.toContain(Buffer.from(`${key}:`).toString('base64'));
    expect(redact({ list: [`k=${key}`], [key]: 1 }, [key])).toEqual({ list: ['k=***'], '***': 1 });
    expect(redactText('nothing here', [''])).toBe('nothing here');
  });
});

describe('listed items', () => {
  it('finds the items where the list declares them, and nowhere else', async () => {
    const { doc } = await specOf('trainer');
    const [declared] = listDeclarations(doc);
    expect(declared!.items).toEqual(['/models']);
    expect(listedItems(declared!, { pagination: [{ x: 1 }], models: [{ id: 'b' }, 3] })).toEqual([
      { id: 'b' },
    ]);
    // An array of objects under another name is not a guess the checker makes any more.
    expect(listedItems(declared!, { rows: [{ id: 'c' }] })).toEqual([]);
    expect(listedItems(declared!, 'nope')).toEqual([]);
    expect(listedItems({ items: [''] }, [{ id: 'a' }, 3])).toEqual([{ id: 'a' }]);
    expect(listedItems({ items: ['/data', '/models'] }, { models: [{ id: 'd' }] })).toEqual([{ id: 'd' }]);
  });

  it('reads the id at the declared pointers, the first present winning', () => {
    const source = { id: ['/id', '/modelId'] };
    expect(itemId({ modelId: 'm', id: 'i' }, source)).toBe('i');
    expect(itemId({ modelId: 'm' }, source)).toBe('m');
    expect(itemId({ id: 7 }, source)).toBe('7');
    expect(itemId({ key: 'k', name: 'n' }, source)).toBeUndefined();
    expect(itemId({ meta: { 'a/b': 'x' } }, { id: ['/meta/a~1b'] })).toBe('x');
  });

  it('compares the primitives both sides have, by pointer', () => {
    expect(
      disagreements(
        { id: 'a', size: { bytes: 1 }, tags: ['x'], deployments: { active: 2 } },
        { id: 'a', size: { bytes: 2, extra: 1 }, tags: ['y'], deployments: [{ id: 'd' }], more: true },
      ),
    ).toEqual([
      { pointer: '/size/bytes', listed: 1, fetched: 2 },
      { pointer: '/tags/0', listed: 'x', fetched: 'y' },
    ]);
  });
});
