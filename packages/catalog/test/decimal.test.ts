import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDecimals, formatDecimal, multiply, parseDecimal, shift } from '../src/decimal.js';

const read = (value: unknown) => {
  const d = parseDecimal(value);
  if (!d) throw new Error(`not a decimal: ${String(value)}`);
  return d;
};

describe('exact decimals', () => {
  it('reads numeric strings and numbers through their decimal digits', () => {
    expect(formatDecimal(read('0.00000500'))).toBe('0.000005');
    expect(formatDecimal(read(0.0008))).toBe('0.0008');
    expect(formatDecimal(read(5e-7))).toBe('0.0000005');
    expect(formatDecimal(read('1.5E3'))).toBe('1500');
    expect(formatDecimal(read('-0.25'))).toBe('-0.25');
    expect(formatDecimal(read(' 0.5\n'))).toBe('0.5');
    expect(formatDecimal(read('+2'))).toBe('2');
    expect(formatDecimal(read('5.'))).toBe('5');
    expect(formatDecimal(read('1e+2'))).toBe('100');
    expect(formatDecimal(read('120'))).toBe('120');
    expect(read('0.50')).toEqual({ int: 50n, scale: 2 });
    for (const bad of ['', 'abc', '1.2.3', '0x10', Number.NaN, Number.POSITIVE_INFINITY, null, true, {}]) {
      expect(parseDecimal(bad)).toBeUndefined();
    }
  });

  it('scales by powers of ten and multiplies without binary rounding', () => {
    // What binary floating point gives for the same conversions:
    expect(0.07 * 100).not.toBe(7);
    expect(0.0000029 * 1_000_000).not.toBe(2.9);
    expect(formatDecimal(shift(read(0.0008), 3))).toBe('0.8');
    expect(formatDecimal(shift(read(0.07), 2))).toBe('7');
    expect(formatDecimal(shift(read('0.000007'), 6))).toBe('7');
    expect(formatDecimal(shift(read(0.0000029), 6))).toBe('2.9');
    expect(formatDecimal(multiply(read('350'), read('0.001')))).toBe('0.35');
    expect(formatDecimal(multiply(read('1.5'), read('0.002')))).toBe('0.003');
    expect(formatDecimal(read('0'))).toBe('0');
    expect(formatDecimal(shift(read('12.5'), -4))).toBe('0.00125');
  });

  it('compares exactly', () => {
    expect(compareDecimals(read('0.1'), read('0.10'))).toBe(0);
    expect(compareDecimals(read('0.2'), read('0.19999999999999999999'))).toBe(1);
    expect(compareDecimals(read('-1'), read('0'))).toBe(-1);
    expect(compareDecimals(read('0.10'), read('0.2'))).toBe(-1);
    expect(compareDecimals(read('0.3'), read('0.25'))).toBe(1);
  });
});

// Documented magnitudes: per-token prices from 1e-9 (micro-credits, SambaNova's 8-place strings) up to per-1M
// prices of 1e5, written with up to 12 significant digits.
const documentedPrice = fc
  .tuple(fc.bigInt({ min: 0n, max: 999_999_999_999n }), fc.integer({ min: 0, max: 14 }))
  .map(([digits, scale]) => {
    const text = digits.toString().padStart(scale + 1, '0');
    return scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
  });
const significant = (text: string) => text.replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '');

describe('conversions never lose digits', () => {
  it('per-token and per-1K prices become per-1M prices with the same significant digits, and back', () => {
    fc.assert(
      fc.property(documentedPrice, fc.constantFrom(6, 3, 0), (price, places) => {
        const perMillion = shift(read(price), places);
        expect(significant(formatDecimal(perMillion))).toBe(significant(price));
        expect(formatDecimal(shift(perMillion, -places))).toBe(formatDecimal(read(price)));
      }),
      { numRuns: 2000 },
    );
  });

  it('a credit rate converts to USD exactly (1 credit = 0.001 USD is a shift by three places)', () => {
    fc.assert(
      fc.property(documentedPrice, (credits) => {
        const usd = multiply(read(credits), read('0.001'));
        expect(formatDecimal(usd)).toBe(formatDecimal(shift(read(credits), -3)));
        expect(compareDecimals(shift(usd, 3), read(credits))).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('a JSON number is read with the digits its shortest form shows', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1e5, noNaN: true, noDefaultInfinity: true }), (value) => {
        const decimal = read(value);
        expect(Number(formatDecimal(decimal))).toBe(value);
        expect(significant(formatDecimal(shift(decimal, 6)))).toBe(significant(formatDecimal(decimal)));
      }),
      { numRuns: 2000 },
    );
  });
});
