import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createVendorClient, PagingError, UserAbortError, withPaging } from '../src/index.js';
import { type Loopback, listen } from './hostile/loopback.js';
import { exampleFacts } from './support.js';

// A stateful server on loopback: a catalog of models served in pages, in the shapes the mode asks for.
const CATALOG = Array.from({ length: 7 }, (_, i) => ({ id: `m${i}` }));
const facts = {
  ...exampleFacts,
  paging: {
    '/models': {
      items: ['/models', '/data'],
      style: 'offset',
      limit: 'limit',
      offset: 'offset',
      hasMore: ['/pagination/hasMore'],
      total: ['/pagination/total', '/total'],
    },
    '/cursor': { items: ['/data'], style: 'cursor', limit: 'limit', cursor: 'after', next: ['/next'] },
  },
} as const;

interface Paths {
  '/models': {
    get: {
      parameters: { query?: { limit?: number; offset?: number; mode?: string } };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            'application/json': {
              models?: { id: string }[];
              data?: { id: string }[];
              pagination?: { hasMore?: boolean; total?: number };
              total?: number;
            };
          };
        };
      };
    };
  };
  '/cursor': {
    get: {
      parameters: { query?: { limit?: number; after?: string } };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: { 'application/json': { data: { id: string }[]; next?: string | null } };
        };
      };
    };
  };
}

let server: Loopback;
beforeAll(async () => {
  server = await listen((request, response) => {
    const url = new URL(request.url, 'http://x');
    const query = Object.fromEntries(url.searchParams);
    const limit = Number(query.limit ?? 3);
    const offset = Number(query.offset ?? 0);
    const page = CATALOG.slice(offset, offset + limit);
    const send = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/v1/cursor') {
      const start = query.after ? Number(query.after.slice(1)) + 1 : 0;
      const items = CATALOG.slice(start, start + limit);
      return send(200, { data: items, next: start + limit < CATALOG.length ? items.at(-1)!.id : null });
    }
    switch (query.mode) {
      case 'hasMore':
        return send(200, { models: page, pagination: { hasMore: offset + limit < CATALOG.length } });
      case 'total':
        return send(200, { data: page, total: CATALOG.length });
      case 'empty-last': // neither flag nor total: only an empty page says it is over
        return send(200, { models: page });
      case 'repeat': // ignores the offset
        return send(200, { models: CATALOG.slice(0, limit), pagination: { hasMore: true } });
      case 'fail-second':
        return offset
          ? send(500, { error: { message: 'broken page' } })
          : send(200, { models: page, total: 7 });
      default:
        return send(200, { models: page, pagination: { hasMore: true } });
    }
  });
});
afterAll(() => server.close());

const client = () =>
  withPaging(
    createVendorClient<Paths, typeof facts>(facts, { apiKey: 'k', baseUrl: `${server.origin}/v1` }),
    facts,
  );
const seen = (from: number) =>
  server.received.slice(from).map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams));
const ids = async (items: AsyncIterable<{ id: string }>) => {
  const found: string[] = [];
  for await (const item of items) found.push(item.id);
  return found;
};

describe('paginate', () => {
  it.each(['hasMore', 'total', 'empty-last'])(
    'walks every page until the list says it is over (%s), with limit as the page size',
    async (mode) => {
      const from = server.received.length;
      const found = await ids(client().paginate('/models', { params: { query: { mode, limit: 3 } } }));
      expect(found).toEqual(CATALOG.map((m) => m.id));
      const offsets = seen(from).map((q) => q.offset ?? '0');
      // The offset advances by the items received: the page at 6 held one item, so the empty page is asked at 7.
      expect(offsets).toEqual(mode === 'empty-last' ? ['0', '3', '6', '7'] : ['0', '3', '6']);
      expect(seen(from).every((q) => q.limit === '3' && q.mode === mode)).toBe(true);
    },
  );

  it("gives whole pages, and starts at the caller's offset", async () => {
    const pages = [];
    for await (const page of client()
      .paginate('/models', { params: { query: { mode: 'total', limit: 4, offset: 2 } } })
      .pages()) {
      pages.push(page.items.map((m) => m.id));
      expect(page.response.status).toBe(200);
      expect(page.data.total).toBe(7);
    }
    expect(pages).toEqual([['m2', 'm3', 'm4', 'm5'], ['m6']]);
  });

  it('stops with a PagingError when the server repeats a page, after delivering the first', async () => {
    const found: string[] = [];
    const walk = async () => {
      for await (const model of client().paginate('/models', {
        params: { query: { mode: 'repeat', limit: 2 } },
      }))
        found.push(model.id);
    };
    await expect(walk()).rejects.toThrow(PagingError);
    await expect(walk()).rejects.toThrow('GET /models: page 2 repeats page 1; stopped');
    expect(found.slice(0, 2)).toEqual(['m0', 'm1']);
  });

  it('stops after maxPages pages', async () => {
    const from = server.received.length;
    const found = await ids(client().paginate('/models', { params: { query: { limit: 1 } }, maxPages: 2 }));
    expect(found).toEqual(['m0', 'm1']);
    expect(server.received.length - from).toBe(2);
  });

  it("stops at the caller's abort, mid-way, before the next page", async () => {
    const controller = new AbortController();
    const found: string[] = [];
    const walk = async () => {
      for await (const model of client().paginate('/models', {
        params: { query: { mode: 'hasMore', limit: 2 } },
        signal: controller.signal,
      })) {
        found.push(model.id);
        if (found.length === 3) controller.abort(new Error('enough'));
      }
    };
    const from = server.received.length;
    await expect(walk()).rejects.toThrow(UserAbortError);
    // The rest of the page already received is delivered; no further page is asked for.
    expect(found).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(server.received.length - from).toBe(2);
  });

  it('throws the ApiError of a page that fails', async () => {
    const found: string[] = [];
    const walk = async () => {
      for await (const model of client().paginate('/models', {
        params: { query: { mode: 'fail-second', limit: 3 } },
      }))
        found.push(model.id);
    };
    await expect(walk()).rejects.toThrow(ApiError);
    expect(found).toEqual(['m0', 'm1', 'm2']);
  });

  it('follows a cursor until there is no next one', async () => {
    const from = server.received.length;
    expect(await ids(client().paginate('/cursor', { params: { query: { limit: 3 } } }))).toEqual(
      CATALOG.map((m) => m.id),
    );
    expect(seen(from).map((q) => q.after)).toEqual([undefined, 'm2', 'm5']);
  });
});
