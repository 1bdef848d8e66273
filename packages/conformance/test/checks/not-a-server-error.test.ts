import { describe, expect, it } from 'vitest';
import { notAServerError } from '../../src/checks/not-a-server-error.js';
import { NO_CREDENTIALS } from '../../src/credentials.js';
import { type Answer, connectionReset, contextFor, ok, widgetsSpec } from '../support/check-context.js';

const list = (answer: Answer | Error) => contextFor(widgetsSpec(), 'listWidgets', () => answer);

describe('not_a_server_error', () => {
  it('passes an answer below 500, a 499 included', async () => {
    expect(await notAServerError.run((await list(ok({ data: [] }))).context)).toEqual({ status: 'pass' });
    expect(await notAServerError.run((await list({ status: 499 })).context)).toEqual({ status: 'pass' });
  });

  it('fails a 500 and quotes the start of its body on one line', async () => {
    const { context } = await list({ status: 500, body: '\u0007 internal\n\terror\u007f ' });
    expect(await notAServerError.run(context)).toEqual({
      status: 'fail',
      violations: [{ pointer: '/status', message: 'GET /widgets was answered 500: "internal error"' }],
    });
  });

  it('cuts a long body after 80 characters', async () => {
    const long = await list({ status: 503, body: `${'a'.repeat(80)}bcd` });
    expect((await notAServerError.run(long.context)).violations).toEqual([
      { pointer: '/status', message: `GET /widgets was answered 503: "${'a'.repeat(80)}…"` },
    ]);
    const exact = await list({ status: 503, body: 'a'.repeat(80) });
    expect((await notAServerError.run(exact.context)).violations).toEqual([
      { pointer: '/status', message: `GET /widgets was answered 503: "${'a'.repeat(80)}"` },
    ]);
  });

  it('fails a request that got no answer, saying why', async () => {
    const { context } = await list(connectionReset());
    expect(await notAServerError.run(context)).toEqual({
      status: 'fail',
      violations: [{ pointer: '/status', message: 'GET /widgets: ECONNRESET: socket hang up' }],
    });
  });

  it('judges every request sent for the operation, in order, so it runs after the checks that send them', async () => {
    const statuses = [200, 502, 200, 500];
    const { context } = await contextFor(widgetsSpec(), 'listWidgets', () => ({ status: statuses.shift()! }));
    await context.send(context.request, NO_CREDENTIALS, 'the second');
    await context.send(context.request, NO_CREDENTIALS, 'the third');
    await context.send(context.request, NO_CREDENTIALS, 'the fourth');
    expect(notAServerError.judgesEveryExchange).toBe(true);
    expect((await notAServerError.run(context)).violations).toEqual([
      { pointer: '/status', message: 'the second was answered 502: ""' },
      { pointer: '/status', message: 'the fourth was answered 500: ""' },
    ]);
  });
});
