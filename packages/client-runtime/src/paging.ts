// Pagination of the list operations a spec declares paged (`paging` in `x-modelspecs-list`). Its own module, so that
// a bundle that never pages leaves it out.
import type { Init, PathsWithMethod, Result, VendorClient, VendorFacts } from './client.js';
import { describe, firstAt, ModelspecsError, toApiError, valueAt } from './errors.js';

/** A paged list misbehaved (it sent the same page twice); the pages before it were delivered. */
export class PagingError extends ModelspecsError {}
PagingError.prototype.name = 'PagingError';

/** The value at a JSON pointer of type `T` (pointers given as string literal types). */
type At<T, Pointer> = Pointer extends ''
  ? T
  : Pointer extends `/${infer Head}/${infer Rest}`
    ? At<NonNullable<T>[Head & keyof NonNullable<T>], `/${Rest}`>
    : Pointer extends `/${infer Head}`
      ? NonNullable<T>[Head & keyof NonNullable<T>]
      : unknown;

type Paging<Facts> = Facts extends { readonly paging: infer P } ? P : never;
/** The JSON body of a 2xx answer of `GET Path`. */
export type PageBody<Paths, Path extends keyof Paths> = NonNullable<
  Awaited<Result<Paths, Path, 'get'>>['data']
>;
type ItemsPointer<Facts, Path> = Paging<Facts>[Path & keyof Paging<Facts>] extends {
  readonly items: readonly (infer Pointer)[];
}
  ? Pointer
  : never;
/** One item of a page: the element type of the array the spec's `items` pointer(s) point at. */
export type PageItem<Paths, Path extends keyof Paths, Facts> =
  NonNullable<At<PageBody<Paths, Path>, ItemsPointer<Facts, Path>>> extends readonly (infer Item)[]
    ? Item
    : unknown;

/** One page: its items, the whole body and the answer. */
export interface Page<Item, Body> {
  items: Item[];
  data: Body;
  response: Response;
}

/** Iterates a paged list item by item (`for await`); `pages()` gives whole pages. */
export interface Pager<Item, Body> extends AsyncIterable<Item> {
  pages(): AsyncIterable<Page<Item, Body>>;
}

/** What `paginate` takes besides the list's own parameters. */
export interface PageOptions {
  /** Pages fetched at most (default 1000); the iteration ends there. */
  maxPages?: number;
}

type PageArgs<I> = undefined extends I ? [init?: NonNullable<I> & PageOptions] : [init: I & PageOptions];

/** `paginate`, on the client of a vendor whose spec declares paged lists: only those paths, typed from the spec. */
export interface Paginated<Paths extends {}, Facts extends VendorFacts> {
  paginate<Path extends PathsWithMethod<Paths, 'get'> & keyof Paging<Facts>>(
    path: Path,
    ...init: PageArgs<Init<Paths, Path, 'get'>>
  ): Pager<PageItem<Paths, Path, Facts>, PageBody<Paths, Path>>;
}

type RawRequest = (
  method: string,
  path: string,
  init: object,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

interface ListInit {
  params?: { query?: Record<string, unknown> };
  maxPages?: number;
}

/**
 * Adds `paginate(path, init)` to a vendor client, for the paged lists of its facts. Offset paging starts at the
 * caller's offset (else 0) and advances by the items received, keeping the caller's `limit` as the page size; cursor
 * paging sends the next cursor the body points at. It stops after an empty page, a page whose "more" flag is false,
 * a page that reaches the total, a page without a next cursor, or `maxPages` pages; a page that repeats the previous
 * one is a PagingError. A non-2xx page throws its ApiError; the caller's `signal` stops it as any call.
 */
export function withPaging<Paths extends {}, Facts extends VendorFacts>(
  client: VendorClient<Paths>,
  facts: Facts,
): VendorClient<Paths> & Paginated<Paths, Facts> {
  const paginate = (path: string, init: ListInit = {}) => {
    const paging = facts.paging![path]!;
    const { maxPages = 1000, ...rest } = init;
    async function* pages() {
      const query = { ...rest.params?.query };
      let offset = Number(query[paging.offset!] ?? 0);
      let previous: string | undefined;
      for (let page = 1; page <= maxPages; page++) {
        const { data, error, response } = await (client.request as unknown as RawRequest)('get', path, {
          ...rest,
          params: { ...rest.params, query },
        });
        if (!response.ok) throw toApiError(response, error);
        const items = (paging.items.map((pointer) => valueAt(data, pointer)).find(Array.isArray) ??
          []) as unknown[];
        const seen = JSON.stringify(items);
        if (items.length && seen === previous) {
          throw describe(
            new PagingError(),
            // Stryker disable next-line ArrayDeclaration: an extra text to redact changes no output that does not contain it
            { op: `GET ${path}`, attempts: page, secrets: [] },
            `page ${page} repeats page ${page - 1}; stopped`,
          );
        }
        previous = seen;
        yield { items, data, response };
        if (!items.length) return;
        if (paging.style === 'cursor') {
          const next = firstAt(data, paging.next);
          if (!next) return;
          query[paging.cursor!] = next;
        } else {
          offset += items.length;
          const more = paging.hasMore
            ?.map((pointer) => valueAt(data, pointer))
            .find((v) => typeof v === 'boolean');
          const total = firstAt(data, paging.total);
          if (more === false || (total !== undefined && offset >= +total)) return;
          query[paging.offset!] = offset;
        }
      }
    }
    return {
      pages,
      async *[Symbol.asyncIterator]() {
        for await (const page of pages()) yield* page.items;
      },
    };
  };
  return Object.assign(client, { paginate }) as unknown as VendorClient<Paths> & Paginated<Paths, Facts>;
}
