// How a call follows a redirect itself: which method, body and content type go on, and which answers are no redirect.
import { describe, expect, it } from 'vitest';
import { createVendorClient } from '../../src/index.js';
import { exampleFacts, json, recorder } from '../support.js';

type Answer = { data?: unknown; response: Response };
type Untyped = (method: string, path: string, init?: Record<string, unknown>) => Promise<Answer>;

function client(respond: (request: Request) => Response) {
  const { fetch, requests } = recorder(respond);
  const vendor = createVendorClient(exampleFacts, { apiKey: 'acme-key-0123456789', fetch, maxRetries: 0 });
  return { call: (vendor as unknown as { request: Untyped }).request, requests };
}

describe('following a redirect', () => {
  /** The first answer is `status` to /v1/next; the next one is JSON. */
  const redirecting = (status: number) => {
    let first = true;
    return (request: Request) => {
      if (!first) return json({ at: new URL(request.url).pathname });
      first = false;
      return new Response(null, { status, headers: { location: '/v1/next' } });
    };
  };

  it.each([
    [303, 'POST', 'GET'],
    [303, 'PUT', 'GET'],
    [301, 'POST', 'GET'],
    [302, 'POST', 'GET'],
  ])('follows a %i after a %s with a %s without body or content type', async (status, method, then) => {
    const { call, requests } = client(redirecting(status));
    const answer = await call(method, '/models', { body: { name: 'n' } });
    expect(answer.data).toEqual({ at: '/v1/next' });
    expect(requests.map((r) => r.method)).toEqual([method, then]);
    expect(requests[1]!.headers.get('content-type')).toBeNull();
    expect(await requests[1]!.text()).toBe('');
  });

  it.each([
    [307, 'POST'],
    [308, 'POST'],
    [301, 'PUT'],
    [302, 'DELETE'],
  ])('follows a %i after a %s with the same method, body and content type', async (status, method) => {
    const { call, requests } = client(redirecting(status));
    await call(method, '/models', { body: { name: 'n' } });
    expect(requests.map((r) => r.method)).toEqual([method, method]);
    expect(requests[1]!.headers.get('content-type')).toBe('application/json');
    expect(await requests[1]!.text()).toBe('{"name":"n"}');
  });

  it('keeps a HEAD a HEAD after a 303', async () => {
    const { call, requests } = client(redirecting(303));
    await call('HEAD', '/models');
    expect(requests.map((r) => r.method)).toEqual(['HEAD', 'HEAD']);
  });

  it('takes a 201 or a 304 with a Location header as the answer', async () => {
    for (const status of [201, 304]) {
      const { call, requests } = client(redirecting(status));
      const { response } = await call('POST', '/models', { body: { name: 'n' } });
      expect(response.status, `${status}`).toBe(status);
      expect(requests).toHaveLength(1);
    }
  });
});
