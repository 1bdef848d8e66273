import { describe, expect, it } from 'vitest';
import { listGetConsistency, STATELESS_FETCH } from '../../src/checks/list-get-consistency.js';
import {
  type Answer,
  type Answering,
  connectionReset,
  contextFor,
  KEY,
  ok,
  widgetsSpec,
} from '../support/check-context.js';

const WIDGETS = [
  { id: 'w1', size: 1, name: 'one' },
  { id: 'w2', size: 2 },
];

/** The list answers `list`; each fetch answers what `fetched` says for its id (by default the listed item). */
const server =
  (
    list: Answer | Error,
    fetched: (id: string) => Answer | Error = (id) => ok(WIDGETS.find((w) => w.id === id)!),
  ): Answering =>
  (request) =>
    request.target === '/widgets'
      ? list
      : fetched(decodeURIComponent(request.target.slice('/widgets/'.length)));

async function judge(
  answering: Answering,
  options: {
    maxListedIds?: number;
    kind?: 'mock' | 'server';
    operationId?: string;
    doc?: ReturnType<typeof widgetsSpec>;
  } = {},
) {
  const { context, sent } = await contextFor(
    options.doc ?? widgetsSpec(),
    options.operationId ?? 'getWidget',
    answering,
    options,
  );
  const before = sent.length;
  const result = await listGetConsistency.run(context);
  return { result, probes: sent.slice(before), context };
}

describe('list_get_consistency', () => {
  it('fetches every listed id, with the key, and passes when each fetch agrees with the list', async () => {
    const { result, probes } = await judge(server(ok({ data: WIDGETS })));
    expect(result).toEqual({ status: 'pass' });
    expect(probes.map((p) => p.target)).toEqual(['/widgets/w1', '/widgets/w2']);
    expect(probes.every((p) => p.headers['X-Key'] === KEY)).toBe(true);
  });

  it('compares only what both sides have, and points at each disagreement', async () => {
    const fetched = (id: string) =>
      ok(id === 'w1' ? { id: 'w1', size: 1, extra: true } : { id: 'w2', size: 3, name: 'two' });
    const { result } = await judge(server(ok({ data: WIDGETS }), fetched));
    expect(result).toEqual({
      status: 'fail',
      violations: [{ pointer: '/size', message: 'listed id "w2": the list says 2, the fetch says 3' }],
    });
  });

  it('fetches at most the limit and says how many it checked', async () => {
    const passed = await judge(server(ok({ data: WIDGETS })), { maxListedIds: 1 });
    expect(passed.result).toEqual({ status: 'pass', reason: 'checked the first 1 of 2 listed ids' });
    expect(passed.probes.map((p) => p.target)).toEqual(['/widgets/w1']);
    const failed = await judge(
      server(ok({ data: WIDGETS }), () => ok({ id: 'other', size: 1 })),
      { maxListedIds: 1 },
    );
    expect(failed.result).toEqual({
      status: 'fail',
      reason: 'checked the first 1 of 2 listed ids',
      violations: [{ pointer: '/id', message: 'listed id "w1": the list says "w1", the fetch says "other"' }],
    });
    const all = await judge(server(ok({ data: WIDGETS })), { maxListedIds: 2 });
    expect(all.result).toEqual({ status: 'pass' });
  });

  it('fails a listed id that cannot be fetched, saying how', async () => {
    const answers: Record<string, Answer | Error> = {
      w1: { status: 404, headers: { 'content-type': 'application/json' }, body: { error: 'gone' } },
      w2: connectionReset(),
      w3: { status: 200, headers: { 'content-type': 'application/json' }, body: '' },
      w4: { status: 302, headers: { location: '/elsewhere' } },
    };
    const list = ok({ data: Object.keys(answers).map((id) => ({ id })) });
    const { result } = await judge(server(list, (id) => answers[id]!));
    expect(result).toEqual({
      status: 'fail',
      violations: [
        {
          pointer: '/status',
          message: 'GET /widgets/w1 (listed id "w1") was answered 404; a listed id must be fetchable',
        },
        { pointer: '/status', message: 'GET /widgets/w2 (listed id "w2"): ECONNRESET: socket hang up' },
        { pointer: '', message: 'GET /widgets/w3 (listed id "w3"): the body is empty' },
        {
          pointer: '/status',
          message: 'GET /widgets/w4 (listed id "w4") was answered 302; a listed id must be fetchable',
        },
      ],
    });
  });

  it('accepts any 2xx for a fetch', async () => {
    const { result } = await judge(
      server(ok({ data: [WIDGETS[1]] }), () => ({ ...ok(WIDGETS[1]!), status: 299 })),
    );
    expect(result).toEqual({ status: 'pass' });
  });

  it('reports an id no URL can carry without sending it', async () => {
    const { result, probes } = await judge(
      server(ok({ data: [{ id: '..' }, { id: 'w1', size: 1, name: 'one' }] })),
    );
    expect(result).toEqual({
      status: 'fail',
      violations: [
        {
          pointer: '',
          message:
            'listed id ".." cannot be sent as a path segment: URLs resolve "." and ".." (and drop an empty segment) away',
        },
      ],
    });
    expect(probes.map((p) => p.target)).toEqual(['/widgets/w1']);
  });

  it('fails when the list cannot be read', async () => {
    const failed = await judge(server({ status: 500, body: 'oops' }));
    expect(failed.result).toEqual({
      status: 'fail',
      violations: [
        { pointer: '/status', message: 'the list could not be read: GET /widgets was answered 500' },
      ],
    });
    expect(failed.probes).toEqual([]);
    const unanswered = await judge(server(connectionReset()));
    expect(unanswered.result.violations).toEqual([
      { pointer: '/status', message: 'the list could not be read: GET /widgets: ECONNRESET: socket hang up' },
    ]);
    const garbled = await judge(
      server({ status: 200, headers: { 'content-type': 'application/json' }, body: ' ' }),
    );
    expect(garbled.result.violations).toEqual([
      { pointer: '', message: 'the list could not be read: the body is empty' },
    ]);
  });

  it('asks for the list itself when the list has not answered yet', async () => {
    const { context, sent } = await contextFor(widgetsSpec(), 'getWidget', server(ok({ data: WIDGETS })));
    const before = sent.length;
    const result = await listGetConsistency.run({ ...context, listAnswer: () => undefined });
    expect(result).toEqual({ status: 'pass' });
    expect(sent.slice(before).map((p) => p.target)).toEqual(['/widgets', '/widgets/w1', '/widgets/w2']);
    expect(context.exchanges.map((e) => e.asked)).toEqual([
      'GET /widgets/w1',
      'GET /widgets (the list)',
      'GET /widgets/w1 (listed id "w1")',
      'GET /widgets/w2 (listed id "w2")',
    ]);
    expect(sent[before]!.headers['X-Key']).toBe(KEY);
  });

  it('skips an empty list and items without ids', async () => {
    expect((await judge(server(ok({ data: [] })))).result).toEqual({
      status: 'skipped',
      reason: 'GET /widgets listed no items to fetch',
    });
    expect((await judge(server(ok({ data: [{ name: 'anonymous' }] })))).result).toEqual({
      status: 'skipped',
      reason: 'the listed items carry no id (the list declares it at "/id")',
    });
    const doc = widgetsSpec();
    (doc.paths!['/widgets']!.get! as { 'x-modelspecs-list': { id: string | string[] } })[
      'x-modelspecs-list'
    ].id = ['/id', '/key'];
    expect((await judge(server(ok({ data: [{ name: 'anonymous' }] })), { doc })).result).toEqual({
      status: 'skipped',
      reason: 'the listed items carry no id (the list declares it at "/id", "/key")',
    });
  });

  it('runs on the fetch-by-id operation only, and against a server only', async () => {
    const list = await judge(server(ok({ data: WIDGETS })), { operationId: 'listWidgets' });
    expect(list.result).toEqual({
      status: 'skipped',
      reason: 'checked on getWidget, which fetches the items this operation lists',
    });
    for (const operationId of ['deleteWidget', 'health']) {
      expect((await judge(server(ok({ data: WIDGETS })), { operationId })).result, operationId).toEqual({
        status: 'skipped',
        reason: 'not a fetch of one listed item (no GET of a list and of one of its items)',
      });
    }
    const mock = await judge(server(ok({ data: WIDGETS })), { kind: 'mock' });
    expect(mock.result).toEqual({ status: 'skipped', reason: STATELESS_FETCH });
    expect(mock.probes).toEqual([]);
    expect(STATELESS_FETCH).toBe(
      'the target is a stateless mock: fetching a listed id returns the spec example, not the listed item',
    );
  });
});
