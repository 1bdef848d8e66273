import { describe, expect, it } from 'vitest';
import { ignoredAuth, STATELESS_KEYS } from '../../src/checks/ignored-auth.js';
import {
  type Answering,
  connectionReset,
  contextFor,
  KEY,
  ok,
  widgetsSpec,
} from '../support/check-context.js';

/** Answers the valid request with `valid`, and every other one with `other`. */
const byKey =
  (valid: ReturnType<Answering>, other: ReturnType<Answering>): Answering =>
  (request) =>
    request.headers['X-Key'] === KEY ? valid : other;

async function judge(
  answering: Answering,
  options: { kind?: 'mock' | 'server'; doc?: ReturnType<typeof widgetsSpec> } = {},
) {
  const { context, sent } = await contextFor(options.doc ?? widgetsSpec(), 'listWidgets', answering, options);
  const before = sent.length;
  const result = await ignoredAuth.run(context);
  return { result, probes: sent.slice(before) };
}

describe('ignored_auth', () => {
  it('passes when a request without a key and one with a wrong key of the same shape are refused', async () => {
    const { result, probes } = await judge(byKey(ok({ data: [] }), { status: 401 }));
    expect(result).toEqual({ status: 'pass' });
    expect(probes.map((p) => p.target)).toEqual(['/widgets', '/widgets']);
    expect(probes[0]!.headers['X-Key']).toBeUndefined();
    expect(probes[1]!.headers['X-Key']).toMatch(/^wdg_test_[0-9a-f]{24}$/);
  });

  it('accepts a documented 403 as a refusal', async () => {
    const doc = widgetsSpec();
    doc.paths!['/widgets']!.get!.responses!['403'] = { description: 'forbidden' };
    expect((await judge(byKey(ok({ data: [] }), { status: 403 }), { doc })).result).toEqual({
      status: 'pass',
    });
  });

  it('fails each request that was served, saying which', async () => {
    const { result } = await judge(() => ok({ data: [] }));
    expect(result).toEqual({
      status: 'fail',
      violations: [
        {
          pointer: '/status',
          message: 'GET /widgets without credentials was answered 200; expected a documented 401 or 403',
        },
        {
          pointer: '/status',
          message: 'GET /widgets with a wrong key was answered 200; expected a documented 401 or 403',
        },
      ],
    });
  });

  it('wants the refusal to be a 401 or 403, and documented', async () => {
    const refusals = [{ status: 400 }, { status: 403 }];
    const { result } = await judge((request) =>
      request.headers['X-Key'] === KEY ? ok({ data: [] }) : refusals.shift()!,
    );
    expect(result.violations).toEqual([
      {
        pointer: '/status',
        message: 'GET /widgets without credentials was answered 400; expected a documented 401 or 403',
      },
      {
        pointer: '/status',
        message:
          'GET /widgets with a wrong key was answered 403, which the spec does not document for this operation',
      },
    ]);
  });

  it('fails a probe that got no answer', async () => {
    const { result } = await judge(byKey(ok({ data: [] }), connectionReset()));
    expect(result.violations).toEqual([
      { pointer: '/status', message: 'GET /widgets without credentials: ECONNRESET: socket hang up' },
      { pointer: '/status', message: 'GET /widgets with a wrong key: ECONNRESET: socket hang up' },
    ]);
  });

  it('fails when the given key itself was refused, since every other check judged an error', async () => {
    for (const status of [401, 403]) {
      const { result } = await judge(() => ({ status }));
      expect(result.violations?.[0]).toEqual({
        pointer: '/status',
        message: `GET /widgets with the given key was answered ${status}: the key was refused, so the other checks judged an error answer`,
      });
    }
    const { result } = await judge(byKey({ status: 402 }, { status: 401 }));
    expect(result).toEqual({ status: 'pass' });
  });

  it('against a stateless mock, tries no wrong key and says so', async () => {
    const passed = await judge(byKey(ok({ data: [] }), { status: 401 }), { kind: 'mock' });
    expect(passed.result).toEqual({ status: 'pass', reason: STATELESS_KEYS });
    expect(passed.probes).toHaveLength(1);
    const failed = await judge(() => ok({ data: [] }), { kind: 'mock' });
    expect(failed.result).toEqual({
      status: 'fail',
      reason: STATELESS_KEYS,
      violations: [
        {
          pointer: '/status',
          message: 'GET /widgets without credentials was answered 200; expected a documented 401 or 403',
        },
      ],
    });
    expect(STATELESS_KEYS).toBe(
      'wrong credentials not tried: the target is a stateless mock that accepts any well-formed key',
    );
  });

  it('skips an operation that needs no credentials, sending nothing more', async () => {
    const { context, sent } = await contextFor(widgetsSpec(), 'health', () => ({ status: 200 }));
    const before = sent.length;
    expect(await ignoredAuth.run(context)).toEqual({
      status: 'skipped',
      reason: 'the operation needs no credentials',
    });
    expect(sent.length).toBe(before);
  });

  it('skips, naming the scheme, when the operation takes only credentials the checker cannot send', async () => {
    const doc = widgetsSpec();
    doc.components!.securitySchemes!.oauth = { type: 'oauth2' };
    doc.paths!['/widgets']!.get!.security = [{ oauth: [] }, { ghost: [] }];
    const { result, probes } = await judge(() => ok({ data: [] }), { doc });
    expect(result).toEqual({
      status: 'skipped',
      reason:
        'the operation\'s security scheme "oauth" (oauth2) is not one the checker can send (http bearer or basic, apiKey in a header or the query), so no request carried credentials',
    });
    expect(probes).toEqual([]);
    doc.paths!['/widgets']!.get!.security = [{ ghost: [], oauth: [] }];
    expect((await judge(() => ok({ data: [] }), { doc })).result.reason).toMatch(
      /^the operation's security scheme "ghost" \(undeclared\), "oauth" \(oauth2\) is not one/,
    );
  });
});
