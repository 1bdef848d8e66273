import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSpec, specFileVendor } from '@modelspecs/spec-tools';
import { describe, expect, it } from 'vitest';
import { checkTarget } from '../src/index.js';

// The spec-tools fixture that accepts bearer, basic, a header key, a query key, and a header and query key together
// (an input of this package's `test` task: turbo.json).
const AUTH_FIXTURE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'spec-tools',
  'test',
  'fixtures',
  'auth-schemes.yaml',
);
const KEY = 'acme_live_0123456789abcdef';
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

/** Runs the checker with only `alternative` accepted, recording what it sent with the valid key. */
async function sentWith(alternative: string[]) {
  const doc = await bundleSpec(AUTH_FIXTURE);
  doc.security = [Object.fromEntries(alternative.map((name) => [name, []]))];
  const sent: { url: URL; headers: Headers }[] = [];
  // The test's own fetch: nothing leaves the process. It echoes the Authorization header back, as a careless
  // server might.
  const fetchRecorder = async (url: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    sent.push({ url: new URL(url), headers });
    return new Response(JSON.stringify({ error: { message: `bad key ${headers.get('authorization')}` } }), {
      status: 401,
      headers: { 'content-type': 'application/json' },
    });
  };
  const report = await checkTarget({
    doc,
    vendor: specFileVendor(AUTH_FIXTURE),
    baseUrl: 'https://api.acme.test/v1',
    apiKey: KEY,
    target: 'server',
    fetch: fetchRecorder,
  });
  const withKey = sent.filter(
    ({ url, headers }) =>
      url.searchParams.get('api_key') === KEY ||
      [...headers.values()].some((v) => v.includes(KEY) || v === basic(KEY)),
  );
  return { withKey, report: JSON.stringify(report) };
}

describe('the checker sends its key through each kind of scheme', () => {
  it.each([
    ['bearer', ['bearerAuth'], { authorization: `Bearer ${KEY}` }, {}],
    ['basic', ['basicAuth'], { authorization: basic(KEY) }, {}],
    ['an API key header', ['headerKey'], { 'x-api-key': KEY }, {}],
    ['an API key in the query', ['queryKey'], {}, { api_key: KEY }],
    ['a header and a query key together', ['headerKey', 'queryKey'], { 'x-api-key': KEY }, { api_key: KEY }],
  ])('%s', async (_kind, alternative, headers, query) => {
    const { withKey, report } = await sentWith(alternative);
    expect(withKey.length).toBeGreaterThan(0);
    for (const { url, headers: sentHeaders } of withKey) {
      for (const [name, value] of Object.entries(headers)) expect(sentHeaders.get(name)).toBe(value);
      for (const [name, value] of Object.entries(query)) expect(url.searchParams.get(name)).toBe(value);
    }
    // Neither the key nor its wire form (echoed back by the server) reaches the report.
    expect(report).not.toContain(KEY);
    expect(report).not.toContain(basic(KEY).slice(6));
  });
});
