import { describe, expect, it } from 'vitest';
import { checkTarget, LIMIT_RANGES, runConformance, USAGE } from '../../src/index.js';
import { captureCli } from '../support/cli.js';
import { fixtureRoot, specOf } from '../support/specs.js';

const cli = (argv: string[]) => captureCli(argv);

const BASE = ['--vendor', 'acme', '--base-url', 'http://127.0.0.1:9/v1', '--api-key', 'tns_x'];

describe('numeric flags out of range', () => {
  it.each([
    ['--timeout-ms', '99999999999999', 'milliseconds from 1 to 2147483647'],
    ['--timeout-ms', '2147483648', 'milliseconds from 1 to 2147483647'],
    ['--timeout-ms', '0', 'milliseconds from 1 to 2147483647'],
    ['--max-listed-ids', '10001', 'ids from 1 to 10000'],
    ['--max-listed-ids', '99999999999999999999999', 'ids from 1 to 10000'],
    ['--max-body-bytes', '0', 'bytes from 1 to 268435456'],
    ['--max-body-bytes', '268435457', 'bytes from 1 to 268435456'],
  ])('%s %s exits 2 naming the flag and the range', async (flag, value, range) => {
    const { code, stdout, stderr } = await cli([...BASE, flag, value]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `modelspecs-conformance: ${flag}: "${value}" is out of range; give a whole number of ${range}\n`,
    );
  });

  it.each([
    ['--timeout-ms', '1.5'],
    ['--timeout-ms', '1e3'],
    ['--timeout-ms', '0x10'],
    ['--timeout-ms', '-5'],
    ['--max-body-bytes', '10MB'],
  ])('%s=%s exits 2: not a whole number', async (flag, value) => {
    const { code, stderr } = await cli([...BASE, `${flag}=${value}`]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      new RegExp(`^modelspecs-conformance: ${flag}: "${value}" is not a whole number; give `),
    );
  });

  it('documents every range in --help', () => {
    for (const range of Object.values(LIMIT_RANGES)) {
      expect(USAGE).toContain(range.flag);
      expect(USAGE).toContain(`${range.min} to ${range.max}`);
    }
  });
});

describe('numeric API options out of range', () => {
  it.each([
    ['timeoutMs', 99999999999999],
    ['timeoutMs', 0.5],
    ['timeoutMs', Number.NaN],
    ['maxListedIds', 0],
    ['maxBodyBytes', -1],
    ['maxBodyBytes', Number.POSITIVE_INFINITY],
  ])('%s: %s is a usage error naming the option, before anything is sent', async (name, value) => {
    const { vendor, doc } = await specOf('acme');
    const options = { doc, vendor, baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'tns_x', [name]: value };
    await expect(checkTarget(options)).rejects.toMatchObject({
      name: 'UsageError',
      message: expect.stringMatching(
        new RegExp(`^${name} \\(--[a-z-]+\\): .* is out of range; give a whole number`),
      ),
    });
    // runConformance checks before it starts a mock.
    await expect(runConformance({ vendors: 'acme', root: fixtureRoot, [name]: value })).rejects.toMatchObject(
      {
        name: 'UsageError',
      },
    );
  });
});
