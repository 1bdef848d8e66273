// Exact decimal arithmetic for prices: a value is an integer and a power of ten (BigInt), so that 0.0008 per 1K
// tokens is exactly 0.8 per 1M and "0.00000500" per token exactly 5. Binary floating point cannot do this
// (0.0008 * 1000 === 0.7999999999999999), and converting prices needs only scaling by powers of ten and one
// multiplication by a documented rate: a few lines on BigInt instead of a decimal library with global settings.

/** `int / 10^scale`, with `scale >= 0`. */
export interface Decimal {
  readonly int: bigint;
  readonly scale: number;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * The exact decimal a JSON value states: a numeric string ("0.00000500", "5e-7") or a number, read through its
 * shortest decimal form (the digits the JSON text had). Anything else is undefined.
 */
export function parseDecimal(value: unknown): Decimal | undefined {
  let text: string;
  if (typeof value === 'number') {
    // Stryker disable next-line ConditionalExpression: "NaN" and "Infinity" fail the pattern below all the same
    if (!Number.isFinite(value)) return undefined;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else return undefined;
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  // Stryker disable next-line StringLiteral: Number('') is 0 too
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  // Stryker disable next-line ArithmeticOperator: dividing by 1 or -1 is multiplying by it
  const digits = BigInt(`${whole}${fraction}`) * (sign === '-' ? -1n : 1n);
  return shift({ int: digits, scale: fraction.length }, Number(exponent));
}

/** The value times 10^places (places may be negative): exact. */
export function shift(value: Decimal, places: number): Decimal {
  const scale = value.scale - places;
  // Stryker disable next-line EqualityOperator: at scale 0 both branches give the same value
  return scale >= 0 ? { int: value.int, scale } : { int: value.int * 10n ** BigInt(-scale), scale: 0 };
}

/** The exact product. */
export function multiply(a: Decimal, b: Decimal): Decimal {
  return { int: a.int * b.int, scale: a.scale + b.scale };
}

/** The shortest plain decimal string (no exponent, no trailing zeros): "0.8", "5", "0.000001". */
export function formatDecimal(value: Decimal): string {
  let { int, scale } = value;
  while (scale > 0 && int % 10n === 0n) {
    int /= 10n;
    scale--;
  }
  const negative = int < 0n;
  const digits = (negative ? -int : int).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Compares two decimals: negative, zero or positive. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = a.int * 10n ** BigInt(scale - a.scale);
  const y = b.int * 10n ** BigInt(scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}
