// The log line of each attempt: an answer at info with its status, a failure at warn with the error's name, and the
// time the attempt took.
import { describe, expect, it } from 'vitest';
import { createVendorClient } from '../../src/index.js';
import { exampleFacts, json, recorder, recordingLogger } from '../support.js';

describe('the log of an attempt', () => {
  it('logs a failed attempt at warn by its error name, an answer at info by its status, each with its time', async () => {
    const { logged, logger } = recordingLogger();
    const { fetch } = recorder((_, attempt) => {
      if (attempt === 1) throw new TypeError('fetch failed');
      return json({ data: [] });
    });
    const client = createVendorClient(exampleFacts, {
      apiKey: 'acme-key-0123456789',
      fetch,
      logger,
      logLevel: 'info',
    });
    const started = performance.now();
    await (client as unknown as { GET: (path: string) => Promise<unknown> }).GET('/models');
    const elapsed = performance.now() - started;
    expect(logged.map(([level]) => level)).toEqual(['warn', 'warn', 'info']);
    const [failed, , answered] = logged.map(([, line]) => line);
    expect(failed).toMatch(/^GET \/models: TypeError in \d+ ms, attempt 1$/);
    expect(answered).toMatch(/^GET \/models: 200 in \d+ ms, attempt 2$/);
    for (const line of [failed!, answered!]) {
      expect(Number(/ in (\d+) ms/.exec(line)![1])).toBeLessThanOrEqual(Math.ceil(elapsed));
    }
  });
});
