import { describe, expect, it } from 'vitest';
import { couldNotFinish } from '../../src/checks/outcome.js';

describe('a check that could not finish', () => {
  it('fails at the root, naming the error', () => {
    expect(couldNotFinish(new RangeError('too deep'))).toEqual({
      status: 'fail',
      violations: [{ pointer: '', message: 'the check could not finish: RangeError: too deep' }],
    });
    expect(couldNotFinish('thrown text')).toEqual({
      status: 'fail',
      violations: [{ pointer: '', message: 'the check could not finish: thrown text' }],
    });
  });
});
