import { describe, expect, it } from 'vitest';
import { negativeDataRejection } from '../../src/checks/negative-data-rejection.js';
import {
  type Answering,
  connectionReset,
  contextFor,
  KEY,
  ok,
  widgetsSpec,
} from '../support/check-context.js';

/** The valid request is served; every request with a value out of bounds gets `answer`. */
const outOfBounds =
  (answer: ReturnType<Answering>): Answering =>
  (request) =>
    request.target === '/widgets' && request.headers['X-Shard'] === undefined ? ok({ data: [] }) : answer;

async function judge(answering: Answering, doc = widgetsSpec(), operationId = 'listWidgets') {
  const { context, sent } = await contextFor(doc, operationId, answering);
  const before = sent.length;
  const result = await negativeDataRejection.run(context);
  return { result, probes: sent.slice(before) };
}

describe('negative_data_rejection', () => {
  it('sends each value a bound forbids, with the key, and passes when each gets a 4xx', async () => {
    const { result, probes } = await judge(outOfBounds({ status: 400 }));
    expect(result).toEqual({ status: 'pass' });
    expect(probes.map((p) => `${p.target} ${p.headers['X-Shard'] ?? ''}`.trim())).toEqual([
      '/widgets?limit=11',
      '/widgets?limit=0',
      '/widgets?limit=not-a-number',
      '/widgets modelspecs-not-in-enum',
    ]);
    expect(probes.every((p) => p.headers['X-Key'] === KEY)).toBe(true);
    for (const status of [404, 422, 499]) {
      expect((await judge(outOfBounds({ status }))).result, String(status)).toEqual({ status: 'pass' });
    }
  });

  it('fails each value that was not refused with a 4xx, pointing at the parameter', async () => {
    const { result } = await judge(outOfBounds(ok({ data: [] })));
    expect(result).toEqual({
      status: 'fail',
      violations: [
        { pointer: '/query/limit', message: 'limit=11 (above maximum 10) was answered 200; expected a 4xx' },
        { pointer: '/query/limit', message: 'limit=0 (below minimum 1) was answered 200; expected a 4xx' },
        {
          pointer: '/query/limit',
          message: 'limit=not-a-number (not an integer) was answered 200; expected a 4xx',
        },
        {
          pointer: '/header/X-Shard',
          message: 'X-Shard=modelspecs-not-in-enum (not one of "a", "b") was answered 200; expected a 4xx',
        },
      ],
    });
    for (const status of [399, 500]) {
      expect((await judge(outOfBounds({ status }))).result.violations, String(status)).toHaveLength(4);
    }
  });

  it('fails a value that got no answer, naming the request', async () => {
    const { result } = await judge(outOfBounds(connectionReset()));
    expect(result.violations?.map((v) => `${v.pointer} ${v.message}`)).toEqual([
      '/query/limit GET /widgets?limit=11: ECONNRESET: socket hang up',
      '/query/limit GET /widgets?limit=0: ECONNRESET: socket hang up',
      '/query/limit GET /widgets?limit=not-a-number: ECONNRESET: socket hang up',
      '/header/X-Shard GET /widgets with X-Shard: modelspecs-not-in-enum: ECONNRESET: socket hang up',
    ]);
  });

  it('escapes "/" and "~" in a parameter name of the pointer', async () => {
    const doc = widgetsSpec();
    doc.paths!['/widgets']!.get!.parameters = [{ name: 'a/b~c', in: 'query', schema: { type: 'boolean' } }];
    const { result } = await judge(
      (request) => (request.target === '/widgets' ? ok({ data: [] }) : { status: 200 }),
      doc,
    );
    expect(result.violations).toEqual([
      {
        pointer: '/query/a~1b~0c',
        message: 'a/b~c=not-a-boolean (not a boolean) was answered 200; expected a 4xx',
      },
    ]);
  });

  it('skips an operation without a bounded parameter', async () => {
    const { result, probes } = await judge(() => ok({ id: 'w1', size: 1 }), widgetsSpec(), 'getWidget');
    expect(result).toEqual({ status: 'skipped', reason: 'no bounded parameter' });
    expect(probes).toEqual([]);
  });
});
