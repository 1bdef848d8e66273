// Redirects and the credentials of each security alternative: run on the made-up vendor by
// test/hostile/redirects.test.ts and on each vendor's spec by the per-vendor suite (test/vendor/redirects.test.ts).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createVendorClient, type VendorFacts } from '../../src/index.js';
import { type Loopback, listen } from '../hostile/loopback.js';

export interface RedirectServers {
  /** Redirects as the path says, to itself or to `elsewhere`. */
  origin: Loopback;
  /** The same host on another port, so another origin, which records what reaches it. */
  elsewhere: Loopback;
}

/** Starts the two servers before the file's tests and closes them after; the fields are set once they listen. */
export function redirectServers(): RedirectServers {
  const servers = {} as RedirectServers;
  beforeAll(async () => {
    servers.elsewhere = await listen((_, response) => response.end('{"landed":"elsewhere"}'));
    servers.origin = await listen(({ url }, response) => {
      const [, kind, code, id] = url.split('/');
      if (kind === 'cross' || kind === 'same') {
        const target = kind === 'cross' ? `${servers.elsewhere.origin}/landed/${id}` : `/landed/${id}`;
        response.writeHead(Number(code), { location: target }).end('moved');
      } else if (kind === 'loop') {
        response.writeHead(302, { location: url }).end();
      } else {
        response.end('{"landed":"origin"}');
      }
    });
  });
  afterAll(async () => {
    await servers.origin.close();
    await servers.elsewhere.close();
  });
  return servers;
}

const CODES = [301, 302, 303, 307, 308];
const BODY = { name: 'body-that-must-stay-home' };

interface Alternative {
  vendor: string;
  facts: VendorFacts;
  schemes: readonly string[];
}
type RedirectCase = Alternative & { code: number; method: string };

let nextId = 0;
async function send(
  servers: RedirectServers,
  { facts, schemes, code, method }: RedirectCase,
  kind: 'cross' | 'same',
) {
  const id = `${kind}-${++nextId}`;
  const credentials = Object.fromEntries(schemes.map((scheme) => [scheme, `secret-${scheme}-${id}`]));
  const client = createVendorClient(facts, { credentials, baseUrl: servers.origin.origin, maxRetries: 0 });
  const { response, data } = await client.request(
    method as 'get',
    `/${kind}/${code}/${id}` as never,
    (method === 'post' ? { body: BODY } : {}) as never,
  );
  const landed = [...servers.origin.received, ...servers.elsewhere.received].filter(
    (entry) => entry.url === `/landed/${id}`,
  );
  return { response, data, landed, secrets: Object.values(credentials) };
}

/** The redirect suites for every security alternative of each vendor's facts, each with credentials unique to the case. */
export function describeRedirects(
  servers: RedirectServers,
  subjects: readonly { name: string; facts: VendorFacts }[],
): void {
  const alternatives: Alternative[] = subjects.flatMap(({ name, facts }) =>
    facts.security.map((schemes) => ({ vendor: name, facts, schemes })),
  );
  const cases: RedirectCase[] = alternatives.flatMap((alternative) =>
    CODES.flatMap((code) => ['get', 'post'].map((method) => ({ ...alternative, code, method }))),
  );

  describe('redirects to another origin', () => {
    it.each(cases)(
      '$vendor $schemes: $method answered $code carries no credential and no body across',
      async (testCase) => {
        const { response, data, landed, secrets } = await send(servers, testCase, 'cross');
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
      const { response, landed, secrets } = await send(servers, testCase, 'same');
      expect(response.status).toBe(200);
      expect(landed).toHaveLength(1);
      const seen = JSON.stringify(landed[0]!.headers);
      for (const secret of secrets) expect(seen).toContain(secret);
      // 307 and 308 send the body again; 301, 302 and 303 turn a POST into a GET without one, as fetch does.
      const resent = testCase.method === 'post' && [307, 308].includes(testCase.code);
      expect(landed[0]!.body).toBe(resent ? JSON.stringify(BODY) : '');
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
          baseUrl: servers.origin.origin,
          maxRetries: 0,
          fetch: (url, init) => {
            modes.push(init.redirect);
            return fetch(url, init);
          },
        });
        const bearerOnly = schemes.every((scheme) => facts.securitySchemes[scheme]!.type === 'http');
        const before = servers.elsewhere.received.length;
        const sent = client.request('get', '/cross/307/browser' as never);
        if (bearerOnly) {
          expect((await sent).response.status).toBe(200);
          expect(servers.elsewhere.received.at(-1)!.headers.authorization).toBeUndefined();
        } else {
          await expect(sent).rejects.toThrow('fetch failed');
          expect(servers.elsewhere.received.length).toBe(before);
        }
        expect(modes).toEqual([bearerOnly ? 'follow' : 'error']);
      },
    );
  });
}
