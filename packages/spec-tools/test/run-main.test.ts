import { describe, expect, it } from 'vitest';
import { SpecError, UsageError } from '../src/errors.js';
import { exitCodeFor } from '../src/run-main.js';

describe('exitCodeFor', () => {
  it('maps usage errors to exit code 2 and anything else to 1', () => {
    expect(exitCodeFor(new UsageError('x'))).toBe(2);
    expect(exitCodeFor(Object.assign(new TypeError('x'), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' }))).toBe(2);
    expect(exitCodeFor(new SpecError('x'))).toBe(1);
    expect(exitCodeFor(new Error('x'))).toBe(1);
    expect(exitCodeFor('a string')).toBe(1);
  });
});
