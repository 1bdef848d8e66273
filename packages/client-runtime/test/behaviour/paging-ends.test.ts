// Where an offset-paged listing stops, by each signal a vendor may give: a total, a "more" flag among several places,
// or neither; and a listing called without any options.
import { describe, expect, it } from 'vitest';
import { createVendorClient, type PagingFacts, type VendorFacts, withPaging } from '../../src/index.js';
import { exampleFacts, json, recorder } from '../support.js';

const MODELS = Array.from({ length: 5 }, (_, i) => ({ id: `m${i}` }));

type Listing = { paginate: (path: string, init?: object) => AsyncIterable<{ id: string }> };

/** Pages of two models from `MODELS`, each answer made by `extra` for its offset; the requests it saw. */
function listing(paging: Record<string, unknown>, extra: (offset: number) => object = () => ({})) {
  const { fetch, requests } = recorder((request) => {
    const offset = Number(new URL(request.url).searchParams.get('offset') ?? 0);
    return json({ data: MODELS.slice(offset, offset + 2), ...extra(offset) });
  });
  const facts: VendorFacts = {
    ...exampleFacts,
    paging: {
      '/models': {
        items: ['/data'],
        style: 'offset',
        limit: 'limit',
        offset: 'offset',
        ...paging,
      } as PagingFacts,
    },
  };
  const client = withPaging(createVendorClient(facts, { apiKey: 'acme-key-0123456789', fetch }), facts);
  const offsets = () => requests.map((r) => new URL(r.url).searchParams.get('offset'));
  return { client: client as unknown as Listing, offsets };
}

const ids = async (items: AsyncIterable<{ id: string }>) => {
  const found: string[] = [];
  for await (const item of items) found.push(item.id);
  return found;
};

describe('an offset listing', () => {
  it('stops at the total when the vendor gives no "more" flag', async () => {
    const { client, offsets } = listing({ total: ['/total'] }, () => ({ total: 4 }));
    expect(await ids(client.paginate('/models'))).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(offsets()).toEqual([null, '2']);
  });

  it('reads the first "more" flag that is a boolean, in the order the spec lists them', async () => {
    const { client, offsets } = listing({ hasMore: ['/more', '/pagination/more'] }, (offset) => ({
      more: offset === 0 ? 'yes' : undefined,
      pagination: { more: false },
    }));
    expect(await ids(client.paginate('/models'))).toEqual(['m0', 'm1']);
    expect(offsets()).toEqual([null]);
  });

  it('without a total or a flag, asks until a page comes back empty', async () => {
    const { client, offsets } = listing({});
    expect(await ids(client.paginate('/models'))).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(offsets()).toEqual([null, '2', '4', '5']);
  });
});
