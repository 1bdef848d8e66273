// The method shortcuts, answers that carry no body whatever `parseAs` asks for, headers a call removes, base URLs
// that only look as if they held a password, and which credential headers keep a browser from following redirects.
import { describe, expect, it, vi } from 'vitest';
import type { Fetch } from '../../src/fetch.js';
import { createVendorClient, type VendorFacts } from '../../src/index.js';
import { exampleFacts, json, recorder } from '../support.js';

const KEY = 'acme-key-0123456789';

type Answer = { data?: unknown; error?: unknown; response: Response };
type Call = (path: string, init?: Record<string, unknown>) => Promise<Answer>;
type Untyped = Record<string, Call> & {
  request: (method: string, path: string, init?: Record<string, unknown>) => Promise<Answer>;
};

const untyped = (fetch: Fetch, facts: VendorFacts = exampleFacts, options: Record<string, unknown> = {}) =>
  createVendorClient(facts, { apiKey: KEY, fetch, maxRetries: 0, ...options }) as unknown as Untyped;

describe('the method shortcuts', () => {
  it('send each its own method', async () => {
    const methods = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'];
    const sent: (string | undefined)[] = [];
    // Not through `new Request`, which refuses TRACE: the shortcut exists all the same.
    const client = untyped(async (_url, init) => {
      sent.push(init.method);
      return json({});
    });
    for (const method of methods) await client[method]!('/models');
    expect(sent).toEqual(methods);
  });
});

describe('an answer without a body', () => {
  it('has no data for a 204 or a HEAD, and no error for a HEAD that failed, even when text is asked for', async () => {
    const { fetch } = recorder((request) =>
      request.method === 'HEAD' && request.url.endsWith('/gone')
        ? new Response(null, { status: 404 })
        : new Response(null, { status: request.method === 'HEAD' ? 200 : 204 }),
    );
    const client = untyped(fetch);
    const deleted = await client.request('DELETE', '/models', { parseAs: 'text' });
    expect(deleted.response.status).toBe(204);
    expect('data' in deleted && deleted.data).toBeUndefined();
    const head = await client.request('HEAD', '/models', { parseAs: 'text' });
    expect(head.response.status).toBe(200);
    expect(head.data).toBeUndefined();
    const missing = await client.request('HEAD', '/gone');
    expect(missing.response.status).toBe(404);
    expect('error' in missing).toBe(true);
    expect(missing.error).toBeUndefined();
  });

  it('reads the text of a 200 with parseAs text, so an empty text is ""', async () => {
    const { fetch } = recorder(() => new Response('', { status: 200 }));
    expect((await untyped(fetch).request('GET', '/models', { parseAs: 'text' })).data).toBe('');
  });
});

describe("a call's headers", () => {
  it('removes a header the client sets when the call gives it as null, and sends no "null"', async () => {
    const { fetch, requests } = recorder(() => json({}));
    const client = untyped(fetch, exampleFacts, { headers: { 'X-Team': 'models' } });
    await client.GET!('/models', { headers: { 'X-Team': null, 'X-Other': null } });
    await client.GET!('/models');
    expect(requests[0]!.headers.has('x-team')).toBe(false);
    expect(requests[0]!.headers.has('x-other')).toBe(false);
    expect(requests[1]!.headers.get('x-team')).toBe('models');
  });
});

describe('the base URL', () => {
  it('refuses user:password@ only in its own authority, not in a path that quotes another URL', () => {
    const fetch: Fetch = async () => json({});
    expect(() => untyped(fetch, exampleFacts, { baseUrl: 'https://user:pw@api.acme.test/v1' })).toThrow(
      'baseUrl must not hold user:password@',
    );
    expect(() =>
      untyped(fetch, exampleFacts, { baseUrl: 'https://proxy.acme.test/https://user@api.acme.test/v1' }),
    ).not.toThrow();
  });
});

describe('in a browser, which hides where a cross-origin redirect leads', () => {
  const modeFor = async (name: string) => {
    vi.stubGlobal('document', {});
    const facts: VendorFacts = {
      ...exampleFacts,
      securitySchemes: { key: { type: 'apiKey', in: 'header', name } },
      security: [['key']],
    };
    const modes: (RequestRedirect | undefined)[] = [];
    const client = createVendorClient(facts, {
      credentials: { key: KEY },
      maxRetries: 0,
      fetch: async (_url, init) => {
        modes.push(init.redirect);
        return json({});
      },
    }) as unknown as Untyped;
    await client.GET!('/models');
    return modes;
  };

  it('follows redirects when the key goes in an Authorization header, whatever its case', async () => {
    expect(await modeFor('Authorization')).toEqual(['follow']);
  });

  it('refuses them when the key goes in any other header', async () => {
    expect(await modeFor('X-Acme-Key')).toEqual(['error']);
  });
});
