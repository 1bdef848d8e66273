import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createVendorClient } from '../../src/index.js';
import { exampleFacts, specVendors } from '../support.js';
import { type Loopback, listen } from './loopback.js';

// `origin` redirects as the path says, to itself or to `elsewhere` (the same host on another port, so another
// origin), which records what reaches it.
let origin: Loopback;
let elsewhere: Loopback;
beforeAll(async () => {
  elsewhere = await listen((_, response) => response.end('{"landed":"elsewhere"}'));
  origin = await listen(({ url }, response) => {
    const [, kind, code, id] = url.split('/');
    if (kind === 'cross' || kind === 'same') {
      const target = kind === 'cross' ? `${elsewhere.origin}/landed/${id}` : `/landed/${id}`;
      response.writeHead(Number(code), { location: target }).end('moved');
    } else if (kind === 'loop') {
      response.writeHead(302, { location: url }).end();
    } else {
      response.end('{"landed":"origin"}');
    }
  });
});
afterAll(async () => {
  await origin.close();
  await elsewhere.close();
});

const CODES = [301, 302, 303, 307, 308];
const BODY = { name: 'body-that-must-stay-home' };

// Every security alternative of every spec, each with credentials unique to the case.
const alternatives = specVendors.flatMap(({ vendor, facts }) =>
  facts.security.map((schemes) => ({ vendor: vendor.slug, facts, schemes })),
);
const cases = alternatives.flatMap((alternative) =>
  CODES.flatMap((code) => ['get', 'post'].map((method) => ({ ...alternative, code, method }))),
);

let nextId = 0;
async function send({ facts, schemes, code, method }: (typeof cases)[number], kind: 'cross' | 'same') {
  const id = `${kind}-${++nextId}`;
  const credentials = Object.fromEntries(schemes.map((scheme) => [scheme, `secret-${scheme}-${id}`]));
  const client = createVendorClient(facts, { credentials, baseUrl: origin.origin, maxRetries: 0 });
  const { response, data } = await client.request(
    method as 'get',
    `/${kind}/${code}/${id}` as never,
    (method === 'post' ? { body: BODY } : {}) as never,
  );
  const landed = [...origin.received, ...elsewhere.received].filter((entry) => entry.url === `/landed/${id}`);
  return { response, data, landed, secrets: Object.values(credentials) };
}

describe('redirects to another origin', () => {
  it.each(cases)(
    '$vendor $schemes: $method answered $code carries no credential and no body across',
    async (testCase) => {
      const { response, data, landed, secrets } = await send(testCase, 'cross');
      expect(response.status).toBe(200);
      expect(data).toEqual({ landed: 'elsewhere' });
      expect(landed).toHaveLength(1);
      const [arrived] = landed;
      const seen = JSON.stringify(arrived!.headers) + arrived!.body;
      for (const secret of secrets) expect(seen).not.toContain(secret);
      expect(arrived!.body).toBe('');
      expect(arrived!.method).toBe(
        testCase.method === 'post' && [307, 308].includes(testCase.code) ? 'POST' : 'GET',
      );
    },
  );
});

describe('redirects within the origin', () => {
  it.each(cases)('$vendor $schemes: $method answered $code keeps credentials', async (testCase) => {
    const { response, landed, secrets } = await send(testCase, 'same');
    expect(response.status).toBe(200);
    expect(landed).toHaveLength(1);
    const seen = JSON.stringify(landed[0]!.headers);
    for (const secret of secrets) expect(seen).toContain(secret);
    // 307 and 308 send the body again; 301, 302 and 303 turn a POST into a GET without one, as fetch does.
    const resent = testCase.method === 'post' && [307, 308].includes(testCase.code);
    expect(landed[0]!.body).toBe(resent ? JSON.stringify(BODY) : '');
  });
});

describe('redirect limits', () => {
  it('gives up after 20 hops, without retrying', async () => {
    const before = origin.received.length;
    const client = createVendorClient(exampleFacts, { apiKey: 'k', baseUrl: origin.origin });
    await expect(client.request('get', '/loop/302/x' as never)).rejects.toThrow('Over 20 redirects');
    expect(origin.received.length - before).toBe(21);
  });

  it('leaves redirects alone when the caller asks for them', async () => {
    const client = createVendorClient(exampleFacts, { apiKey: 'k', baseUrl: origin.origin });
    const { response } = await client.request(
      'get',
      '/cross/302/manual' as never,
      {
        redirect: 'manual',
      } as never,
    );
    expect(response.status).toBe(302);
  });
});

describe('in a browser, which hides where a cross-origin redirect leads', () => {
  it.each(alternatives)(
    '$vendor $schemes: redirects are refused unless Authorization is the only credential',
    async ({ facts, schemes }) => {
      vi.stubGlobal('document', {});
      const modes: (RequestRedirect | undefined)[] = [];
      const credentials = Object.fromEntries(schemes.map((scheme) => [scheme, `secret-${scheme}`]));
      const client = createVendorClient(facts, {
        credentials,
        baseUrl: origin.origin,
        maxRetries: 0,
        fetch: (url, init) => {
          modes.push(init.redirect);
          return fetch(url, init);
        },
      });
      const bearerOnly = schemes.every((scheme) => facts.securitySchemes[scheme]!.type === 'http');
      const before = elsewhere.received.length;
      const sent = client.request('get', '/cross/307/browser' as never);
      if (bearerOnly) {
        expect((await sent).response.status).toBe(200);
        expect(elsewhere.received.at(-1)!.headers.authorization).toBeUndefined();
      } else {
        await expect(sent).rejects.toThrow('fetch failed');
        expect(elsewhere.received.length).toBe(before);
      }
      expect(modes).toEqual([bearerOnly ? 'follow' : 'error']);
    },
  );
});
