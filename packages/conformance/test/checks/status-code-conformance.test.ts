import { describe, expect, it } from 'vitest';
import { statusCodeConformance } from '../../src/checks/status-code-conformance.js';
import { NO_CREDENTIALS } from '../../src/credentials.js';
import { connectionReset, contextFor, ok, widgetsSpec } from '../support/check-context.js';

const listResponses = () => widgetsSpec().paths!['/widgets']!.get!.responses!;

describe('status_code_conformance', () => {
  it('passes a documented status', async () => {
    for (const answer of [ok({ data: [] }), { status: 400 }, { status: 401 }]) {
      const { context } = await contextFor(widgetsSpec(), 'listWidgets', () => answer);
      expect(await statusCodeConformance.run(context)).toEqual({ status: 'pass' });
    }
  });

  it('fails an undocumented status, listing the documented ones', async () => {
    const { context } = await contextFor(widgetsSpec(), 'listWidgets', () => ({ status: 404 }));
    expect(await statusCodeConformance.run(context)).toEqual({
      status: 'fail',
      violations: [
        {
          pointer: '/status',
          message:
            'GET /widgets was answered 404, which the spec does not document (documented: 200, 400, 401)',
        },
      ],
    });
  });

  it('honours a range and default', async () => {
    const ranged = widgetsSpec();
    ranged.paths!['/widgets']!.get!.responses = { ...listResponses(), '4XX': { description: 'any' } };
    const range = await contextFor(ranged, 'listWidgets', () => ({ status: 418 }));
    expect(await statusCodeConformance.run(range.context)).toEqual({ status: 'pass' });
    const defaulted = widgetsSpec();
    defaulted.paths!['/widgets']!.get!.responses = { ...listResponses(), default: { description: 'any' } };
    const fallback = await contextFor(defaulted, 'listWidgets', () => ({ status: 503 }));
    expect(await statusCodeConformance.run(fallback.context)).toEqual({ status: 'pass' });
  });

  it('says "none" when the operation documents no status', async () => {
    const bare = widgetsSpec();
    bare.paths!['/health']!.get!.responses = {};
    const { context } = await contextFor(bare, 'health', () => ({ status: 200 }));
    expect((await statusCodeConformance.run(context)).violations).toEqual([
      {
        pointer: '/status',
        message: 'GET /health was answered 200, which the spec does not document (documented: none)',
      },
    ]);
  });

  it('judges every answer of the operation and skips the requests that got none', async () => {
    const answers = [ok({ data: [] }), connectionReset(), { status: 418 }];
    const { context } = await contextFor(widgetsSpec(), 'listWidgets', () => answers.shift()!);
    await context.send(context.request, NO_CREDENTIALS, 'the second');
    await context.send(context.request, NO_CREDENTIALS, 'the third');
    expect(statusCodeConformance.judgesEveryExchange).toBe(true);
    expect((await statusCodeConformance.run(context)).violations).toEqual([
      {
        pointer: '/status',
        message: 'the third was answered 418, which the spec does not document (documented: 200, 400, 401)',
      },
    ]);
  });

  it('skips when no request got an answer', async () => {
    const { context } = await contextFor(widgetsSpec(), 'listWidgets', () => connectionReset());
    expect(await statusCodeConformance.run(context)).toEqual({
      status: 'skipped',
      reason: 'no response to judge (see not_a_server_error)',
    });
  });
});
