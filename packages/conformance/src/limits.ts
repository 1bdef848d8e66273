import { UsageError } from '@modelspecs/spec-tools/cli';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_LISTED_IDS = 20;
/** How much of one response body the checker reads before it gives up on the body: 10 MiB. */
export const DEFAULT_MAX_BODY_BYTES: number = 10 * 1024 * 1024;

export interface Limits {
  timeoutMs: number;
  maxListedIds: number;
  maxBodyBytes: number;
}

interface Range {
  flag: string;
  unit: string;
  min: number;
  max: number;
  default: number;
}

/**
 * The numeric settings, their flags and allowed ranges. The timeout's maximum is the largest delay a Node timer
 * takes (2^31 − 1 ms); the body cap's is 256 MiB, well below the longest string V8 can hold.
 */
export const LIMIT_RANGES: Readonly<Record<keyof Limits, Range>> = {
  timeoutMs: {
    flag: '--timeout-ms',
    unit: 'milliseconds',
    min: 1,
    max: 2_147_483_647,
    default: DEFAULT_TIMEOUT_MS,
  },
  maxListedIds: {
    flag: '--max-listed-ids',
    unit: 'ids',
    min: 1,
    max: 10_000,
    default: DEFAULT_MAX_LISTED_IDS,
  },
  maxBodyBytes: {
    flag: '--max-body-bytes',
    unit: 'bytes',
    min: 1,
    max: 256 * 1024 * 1024,
    default: DEFAULT_MAX_BODY_BYTES,
  },
};

const rangeText = (range: Range) => `a whole number of ${range.unit} from ${range.min} to ${range.max}`;

/** A flag's text as a number inside the flag's range, else a usage error naming the flag and the range. */
export function parseLimitFlag(name: keyof Limits, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const range = LIMIT_RANGES[name];
  if (!/^\d+$/.test(raw))
    throw new UsageError(`${range.flag}: "${raw}" is not a whole number; give ${rangeText(range)}`);
  const value = Number(raw);
  if (value < range.min || value > range.max) {
    throw new UsageError(`${range.flag}: "${raw}" is out of range; give ${rangeText(range)}`);
  }
  return value;
}

/** The limits of a run: each option given checked against its range (a usage error names it), else its default. */
export function resolveLimits(options: Partial<Record<keyof Limits, number | undefined>>): Limits {
  const pick = (name: keyof Limits): number => {
    const range = LIMIT_RANGES[name];
    const value = options[name];
    if (value === undefined) return range.default;
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      throw new UsageError(`${name} (${range.flag}): ${value} is out of range; give ${rangeText(range)}`);
    }
    return value;
  };
  return {
    timeoutMs: pick('timeoutMs'),
    maxListedIds: pick('maxListedIds'),
    maxBodyBytes: pick('maxBodyBytes'),
  };
}

/** `10 MiB`, `512 KiB`, `1000 bytes`: a cap as people read it. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
}
