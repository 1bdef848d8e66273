// A request the mock cannot accept (a body that is not JSON, a body or parameter that breaks the spec, a content
// type the operation does not take) gets the vendor's documented invalid-request answer from the real Prism, never
// Prism's own problem+json or its HTTP layer's `{"error":{"code":"invalid_json"}}`. On fixture specs here; on each
// vendor's spec in test/vendor/invalid-requests.test.ts.
import { join } from 'node:path';
import { discoverVendors, listOperations } from '@modelspecs/spec-tools';
import { describe, expect, it } from 'vitest';
import { fixtures, loadSpecs, mocksForSuite } from '../support/helpers.js';
import { invalidRequestSuite, send } from '../support/invalid-requests.js';

const fixtureRoot = join(fixtures, 'invalid-requests');
const fixtureSpecs = await loadSpecs(discoverVendors(fixtureRoot), fixtureRoot);

describe('fixture specs that document 400 and 422, 422 only, or neither', () => {
  const root = fixtureRoot;
  const specs = fixtureSpecs;
  const mocks = mocksForSuite({ root });

  it('include operations with a request body', () => {
    expect(specs.some(({ doc }) => listOperations(doc).some((entry) => entry.operation.requestBody))).toBe(
      true,
    );
  });

  invalidRequestSuite(() => specs, mocks);

  it("answers 400 with the spec's documented 400 body where the operation documents none", async () => {
    const mock = mocks().mocks.find((m) => m.slug === 'errors')!;
    const answer = await send({
      what: 'a body that is not JSON',
      method: 'POST',
      url: new URL(`${mock.baseUrl}/undocumented`),
      headers: { ...mock.credentials.headers, 'content-type': 'application/json' },
      body: 'not json',
    });
    expect(answer).toEqual({
      status: 400,
      contentType: 'application/json',
      body: { error: { message: 'The request is malformed', kind: 'bad_request' } },
    });
  });

  it('prefers the documented 400 to the 422 and answers 422 where only 422 is documented', async () => {
    const mock = mocks().mocks.find((m) => m.slug === 'errors')!;
    const headers = { ...mock.credentials.headers, 'content-type': 'application/json' };
    const both = await send({
      what: '',
      method: 'POST',
      url: new URL(`${mock.baseUrl}/both`),
      headers,
      body: '{}',
    });
    expect(both.status).toBe(400);
    expect(both.body).toEqual({ error: { message: 'The request is malformed', kind: 'bad_request' } });
    const only = await send({
      what: '',
      method: 'PUT',
      url: new URL(`${mock.baseUrl}/unprocessable-only`),
      headers,
      body: '{',
    });
    expect(only.status).toBe(422);
    expect(only.body).toEqual({
      error: { message: 'The request cannot be processed', kind: 'unprocessable' },
    });
  });

  it("answers 400 with the operation's own error body when the spec documents no 400 or 422 at all", async () => {
    const mock = mocks().mocks.find((m) => m.slug === 'bare')!;
    const answer = await send({
      what: '',
      method: 'POST',
      url: new URL(`${mock.baseUrl}/things`),
      headers: { ...mock.credentials.headers, 'content-type': 'application/json' },
      body: '{"name": 1}',
    });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual({ detail: 'Not authenticated' });
  });

  it('keeps the documented 401 for a request without credentials, however malformed', async () => {
    const mock = mocks().mocks.find((m) => m.slug === 'errors')!;
    const answer = await send({
      what: '',
      method: 'POST',
      url: new URL(`${mock.baseUrl}/both`),
      headers: { 'content-type': 'application/json' },
      body: '[]',
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: { message: 'No key', kind: 'unauthorized' } });
  });
});
