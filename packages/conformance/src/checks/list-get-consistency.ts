import { type Exchange, noAnswer, responseOf } from '../exchange.js';
import { disagreements, itemId, listedItems, unsendableId } from '../listing.js';
import { describeRequest, requestTemplate } from '../requests.js';
import type { Violation } from '../types.js';
import type { Check, CheckContext } from './check.js';
import { fail, type Outcome, pass, skip } from './outcome.js';
import { is2xx, parseResponseBody } from './response.js';

export const STATELESS_FETCH =
  'the target is a stateless mock: fetching a listed id returns the spec example, not the listed item';

type Item = Record<string, unknown>;

/** The list's items, or the outcome that ends the check when they cannot be read. */
async function readList(context: CheckContext): Promise<{ items: Item[]; answer: Exchange } | Outcome> {
  const source = context.planned.idSource!;
  let answer = context.listAnswer(source.list);
  if (!answer) {
    const request = requestTemplate(context.doc, source.list, {});
    answer = await context.send(request, context.credentials, `${describeRequest(request)} (the list)`);
  }
  const response = responseOf(answer);
  if (!response)
    return fail([{ pointer: '/status', message: `the list could not be read: ${noAnswer(answer)}` }]);
  if (!is2xx(response.status)) {
    return fail([
      {
        pointer: '/status',
        message: `the list could not be read: ${answer.asked} was answered ${response.status}`,
      },
    ]);
  }
  const parsed = parseResponseBody(response);
  if ('violation' in parsed) {
    return fail([
      {
        pointer: parsed.violation.pointer,
        message: `the list could not be read: ${parsed.violation.message}`,
      },
    ]);
  }
  return { items: listedItems(source, parsed.value), answer };
}

/** What fetching one listed id shows: nothing when the fetch agrees with the list. */
async function fetchListed(context: CheckContext, item: Item, id: string): Promise<Violation[]> {
  const param = context.planned.idSource!.param;
  const unsendable = unsendableId(id);
  if (unsendable) return [{ pointer: '', message: `listed id ${JSON.stringify(id)} ${unsendable}` }];
  const request = requestTemplate(context.doc, context.planned.entry, { [param]: id });
  const exchange = await context.send(
    request,
    context.credentials,
    `${describeRequest(request)} (listed id ${JSON.stringify(id)})`,
  );
  const response = responseOf(exchange);
  if (!response) return [{ pointer: '/status', message: noAnswer(exchange) }];
  if (!is2xx(response.status)) {
    return [
      {
        pointer: '/status',
        message: `${exchange.asked} was answered ${response.status}; a listed id must be fetchable`,
      },
    ];
  }
  const fetched = parseResponseBody(response);
  if ('violation' in fetched) {
    return [
      { pointer: fetched.violation.pointer, message: `${exchange.asked}: ${fetched.violation.message}` },
    ];
  }
  return disagreements(item, fetched.value).map((d) => ({
    pointer: d.pointer,
    message: `listed id ${JSON.stringify(id)}: the list says ${JSON.stringify(d.listed)}, the fetch says ${JSON.stringify(d.fetched)}`,
  }));
}

/**
 * On a fetch-by-id operation: each listed id (up to the limit) can be fetched with a 2xx, and every primitive both
 * the listed item and the fetched one have at the same pointer is equal.
 */
export const listGetConsistency: Check = {
  name: 'list_get_consistency',
  run: async (context) => {
    const { planned, plan, kind, limits } = context;
    const source = planned.idSource;
    if (!planned.fetchById || !source) {
      const pair = plan.find((p) => p.idSource?.list.pointer === planned.entry.pointer && p.fetchById);
      return skip(
        pair
          ? `checked on ${pair.operationId}, which fetches the items this operation lists`
          : 'not a fetch of one listed item (no GET of a list and of one of its items)',
      );
    }
    if (kind === 'mock') return skip(STATELESS_FETCH);
    const list = await readList(context);
    if ('status' in list) return list;
    if (list.items.length === 0) return skip(`${list.answer.asked} listed no items to fetch`);
    const withIds = list.items
      .map((item) => ({ item, id: itemId(item, source) }))
      .filter((x): x is { item: Item; id: string } => x.id !== undefined);
    if (withIds.length === 0) {
      return skip(
        `the listed items carry no id (the list declares it at ${source.id.map((p) => `"${p}"`).join(', ')})`,
      );
    }
    const sample = withIds.slice(0, limits.maxListedIds);
    const violations: Violation[] = [];
    for (const { item, id } of sample) violations.push(...(await fetchListed(context, item, id)));
    const note =
      sample.length < withIds.length
        ? `checked the first ${sample.length} of ${withIds.length} listed ids`
        : undefined;
    return violations.length > 0 ? fail(violations, note) : pass(note);
  },
};
