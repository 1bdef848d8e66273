import { describe, expect, it } from 'vitest';
import { isLoopback, parseBaseUrl, planOperations } from '../../src/index.js';
import { specOf } from '../support/specs.js';

// Only literal loopback addresses and exactly `localhost` count, judged on the host the URL parser leaves.
const LOOPBACK = [
  'http://localhost:4010/v1',
  'http://LOCALHOST/v1',
  'http://127.0.0.1:4010/v1',
  'http://127.8.9.10/v1',
  'http://[::1]:4010/v1',
  'http://[0:0:0:0:0:0:0:1]/v1',
  // The WHATWG parser turns these into 127.0.0.1 before anything connects.
  'http://2130706433/v1',
  'http://0x7f000001/v1',
  'http://0177.0.0.1/v1',
  'http://127.1/v1',
];
const NOT_LOOPBACK = [
  'http://evil.localhost/v1',
  'http://api.localhost:4010/v1',
  'http://localhost.evil.com/v1',
  'http://localhost./v1',
  'http://127.0.0.1.nip.io/v1',
  'http://127.0.0.1.evil.com/v1',
  'http://0.0.0.0:4010/v1',
  'http://[::ffff:127.0.0.1]/v1',
  'http://[::]/v1',
  'http://10.0.0.1/v1',
  'http://128.0.0.1/v1',
  'https://api.tensoras.ai/v1',
];

describe('the write guard', () => {
  it.each(LOOPBACK)('treats %s as loopback', (url) => {
    expect(isLoopback(parseBaseUrl(url))).toBe(true);
  });

  it.each(NOT_LOOPBACK)('treats %s as another host', (url) => {
    expect(isLoopback(parseBaseUrl(url))).toBe(false);
  });

  it('skips the writes against a name that only looks local, and runs them on literal loopback', async () => {
    const { doc } = await specOf('trainer');
    const writes = (url: string) =>
      planOperations(doc, { baseUrl: parseBaseUrl(url) }).filter((p) => p.write);
    expect(writes('http://evil.localhost/v2').length).toBeGreaterThan(0);
    for (const url of [
      'http://evil.localhost/v2',
      'http://127.0.0.1.nip.io/v2',
      'http://[::ffff:127.0.0.1]/v2',
    ]) {
      for (const planned of writes(url))
        expect(planned.skipReason, url).toMatch(/is not loopback; pass --allow-writes/);
    }
    for (const planned of writes('http://2130706433/v2')) expect(planned.skipReason).toBeUndefined();
  });
});
