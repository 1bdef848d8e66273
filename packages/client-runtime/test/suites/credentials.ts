// Credentials no HTTP header can carry, refused before anything is sent: run on the made-up vendor by
// test/hostile/credentials.test.ts and on each vendor's spec by the per-vendor suite (test/vendor/credentials.test.ts).
import { describe, expect, it } from 'vitest';
import { createVendorClient, type VendorFacts } from '../../src/index.js';
import type { Loopback } from '../hostile/loopback.js';

/** What a construction or a call threw, or undefined. */
export async function thrown(call: () => unknown): Promise<Error | undefined> {
  try {
    await call();
  } catch (error) {
    return error as Error;
  }
  return undefined;
}

export const shown = (error: Error): string => [error.message, String(error), error.stack ?? ''].join('\n');

/** `server` answers every request (none should reach it); it is read when the tests run. */
export function describeBadCredentials(
  subjects: readonly { name: string; facts: VendorFacts }[],
  server: () => Loopback,
): void {
  describe.each(subjects)('bad credentials for $name', ({ facts }) => {
    const pair = facts.security.find((schemes) => schemes.length > 1);

    it.each([
      ['a CR/LF', 'sk-crlf-7f3a\r\nX-Injected: 1'],
      ['a LF', 'sk-lf-7f3a\nX-Injected: 2'],
      ['a NUL', 'sk-nul-7f3a\0tail-7f3a'],
      ['a non-Latin-1 character', 'sk-dash-7f3a\u2014tail-7f3a'],
    ])('refuses an apiKey with %s, naming the option and not the key', async (_, key) => {
      const before = server().received.length;
      const error = await thrown(() =>
        createVendorClient(facts, { apiKey: key, baseUrl: server().origin }).request(
          'get',
          '/models' as never,
        ),
      );
      expect(error).toBeInstanceOf(TypeError);
      expect(error!.message).toMatch(/^apiKey \(or \w+\) has a character no HTTP header can carry$/);
      expect(shown(error!)).not.toMatch(/7f3a|Injected/);
      expect(server().received.length).toBe(before);
    });

    it.each(['   ', '\t', ' \n '])(
      'refuses a blank apiKey %j instead of sending an empty credential',
      async (key) => {
        const before = server().received.length;
        const error = await thrown(() =>
          createVendorClient(facts, { apiKey: key, baseUrl: server().origin }).request(
            'get',
            '/models' as never,
          ),
        );
        expect(error?.message).toMatch(/^apiKey \(or \w+\) is blank$/);
        expect(server().received.length).toBe(before);
      },
    );

    if (pair) {
      it(`refuses a credential of the pair ${pair.join(' + ')} with a line break, naming it`, async () => {
        const credentials = Object.fromEntries(pair.map((scheme) => [scheme, `tok-${scheme}\r\nX: y`]));
        const error = await thrown(() =>
          createVendorClient(facts, { credentials, baseUrl: server().origin }),
        );
        expect(error!.message).toMatch(
          new RegExp(`^credentials\\.${pair[0]} has a character no HTTP header can carry$`),
        );
        expect(shown(error!)).not.toContain('tok-');
      });
    }
  });
}
