// One listed model -> one catalog row, by the vendor spec's `x-modelspecs-list.catalog` declaration. Every value
// carries the item field it came from; prices become exact decimal strings per 1M tokens.
import {
  type CatalogCurrency,
  type CatalogDeclaration,
  type CatalogPriceUnit,
  firstPresent,
  isAbsent,
  type NameSetDeclaration,
  type Pointers,
  type PriceDeclaration,
  valueAt,
} from '@modelspecs/spec-tools';
import { formatDecimal, multiply, parseDecimal, shift } from './decimal.js';

/** A normalized value and the field of the vendor's model object it was read from (a JSON pointer). */
export interface Sourced<T> {
  value: T;
  source: string;
}

export interface CatalogPrice {
  /** Exact decimal string, in `currency` per 1M tokens. */
  perMillion: string;
  currency: CatalogCurrency;
  /** USD per 1M tokens, where the vendor documents the rate (or prices in USD). */
  usdPerMillion?: string;
  /** The vendor's own value and unit, as listed. */
  listed: string | number;
  unit: CatalogPriceUnit;
  source: string;
  /** Where the unit was read at run time, when the spec declares `unitFrom`. */
  unitSource?: string;
}

export interface CatalogRow {
  vendor: string;
  id: Sourced<string>;
  name?: Sourced<string>;
  provider?: Sourced<string>;
  contextLength?: Sourced<number>;
  maxOutputTokens?: Sourced<number>;
  inputPrice?: CatalogPrice;
  outputPrice?: CatalogPrice;
  cachedInputPrice?: CatalogPrice;
  modalities?: { input?: Sourced<string[]>; output?: Sourced<string[]> };
  capabilities?: Sourced<string[]>;
  status?: Sourced<string>;
  /** ISO 8601. */
  created?: Sourced<string>;
  extra: Record<string, Sourced<unknown>>;
  /** Values the item holds that the declaration cannot read (an undocumented unit, a non-numeric price). */
  problems: string[];
}

/** The first alternative that is present and not null (a null is no value), as a sourced value. */
function present(item: unknown, pointers: Pointers): Sourced<unknown> | undefined {
  const hit = firstPresent(
    item,
    pointers.filter((p) => valueAt(item, p) !== null),
  );
  return hit && { value: hit.value, source: hit.pointer };
}

const ofType = <T>(
  found: Sourced<unknown> | undefined,
  check: (v: unknown) => v is T,
): Sourced<T> | undefined => (found && check(found.value) ? (found as Sourced<T>) : undefined);
const isString = (v: unknown): v is string => typeof v === 'string';
// Stryker disable next-line ConditionalExpression: Number.isFinite is false for anything but a number, so the typeof test only narrows the type
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Powers of ten from a unit's price to the price of 1M tokens (1M / tokens priced by the unit). */
const PLACES_TO_MILLION: Record<CatalogPriceUnit, number> = { 'per-token': 6, 'per-1k': 3, 'per-1m': 0 };

/** A price per 1M tokens from one price declaration, or why it could not be read. */
export function normalizePrice(
  item: unknown,
  declaration: PriceDeclaration,
): { price?: CatalogPrice; problem?: string } {
  const found = present(item, declaration.from);
  if (!found) return {};
  const amount = parseDecimal(found.value);
  if (!amount) {
    return { problem: `${found.source}: ${JSON.stringify(found.value)} is not a decimal price` };
  }
  let unit = declaration.unit;
  let unitSource: string | undefined;
  if (declaration.unitFrom) {
    const named = present(item, declaration.unitFrom.from);
    if (!named) return { problem: `${declaration.unitFrom.from.join(' or ')}: the price unit is missing` };
    unitSource = named.source;
    // Only the declaration's own units: an item's "toString" or "__proto__" is no unit.
    const { values } = declaration.unitFrom;
    unit =
      typeof named.value === 'string' && Object.hasOwn(values, named.value) ? values[named.value] : undefined;
    if (!unit) {
      return {
        problem: `${named.source}: unit ${JSON.stringify(named.value)} is not documented (known: ${Object.keys(declaration.unitFrom.values).join(', ')})`,
      };
    }
  }
  if (!unit) return {};
  const perMillion = shift(amount, PLACES_TO_MILLION[unit]);
  const rate = declaration.currency === 'USD' ? parseDecimal('1') : parseDecimal(declaration.usdPerUnit);
  return {
    price: {
      perMillion: formatDecimal(perMillion),
      currency: declaration.currency,
      ...(rate ? { usdPerMillion: formatDecimal(multiply(perMillion, rate)) } : {}),
      // parseDecimal reads numbers and numeric strings only.
      listed: found.value as number | string,
      unit,
      source: found.source,
      ...(unitSource ? { unitSource } : {}),
    },
  };
}

function nameSet(item: unknown, set: NameSetDeclaration): Sourced<string[]> | undefined {
  let names: string[] = [];
  let source: string;
  if ('flags' in set) {
    const found = present(item, set.flags);
    if (!found || typeof found.value !== 'object' || Array.isArray(found.value)) return undefined;
    names = Object.entries(found.value as Record<string, unknown>)
      .filter(([, on]) => on === true)
      .map(([name]) => name);
    source = found.source;
  } else if ('list' in set) {
    const found = present(item, set.list);
    if (!found || !Array.isArray(found.value)) return undefined;
    names = found.value.filter(isString);
    source = found.source;
  } else {
    const sources: string[] = [];
    for (const [name, pointers] of Object.entries(set.each)) {
      const found = present(item, pointers);
      if (!found) continue;
      sources.push(found.source);
      if (found.value === true) names.push(name);
    }
    if (sources.length === 0) return undefined;
    source = sources.join(', ');
  }
  return { value: names.map((n) => set.names?.[n] ?? n), source };
}

/** A creation time as ISO 8601. */
function createdAt(item: unknown, declaration: CatalogDeclaration['created']): Sourced<string> | undefined {
  if (isAbsent(declaration)) return undefined;
  const found = present(item, declaration.from);
  if (!found) return undefined;
  const date =
    declaration.format === 'unix-seconds'
      ? // Stryker disable next-line ConditionalExpression,LogicalOperator: Number.isFinite is false for anything but a number (the typeof test only narrows the type), and a number it refuses (NaN, Infinity) makes an invalid date, refused below
        typeof found.value === 'number' && Number.isFinite(found.value)
        ? new Date(found.value * 1000)
        : undefined
      : typeof found.value === 'string'
        ? new Date(found.value)
        : undefined;
  if (!date || Number.isNaN(date.getTime())) return undefined;
  return { value: date.toISOString(), source: found.source };
}

/** One model object of a vendor's list, normalized; undefined when it has no id. */
export function normalizeModel(
  vendor: string,
  item: unknown,
  declaration: CatalogDeclaration,
): CatalogRow | undefined {
  const found = present(item, declaration.id);
  if (!found || (typeof found.value !== 'string' && typeof found.value !== 'number')) return undefined;
  const row: CatalogRow = {
    vendor,
    id: { value: String(found.value), source: found.source },
    extra: {},
    problems: [],
  };
  const text = (pointers: Pointers | { absent: string }) =>
    isAbsent(pointers) ? undefined : ofType(present(item, pointers), isString);
  const count = (pointers: Pointers | { absent: string }) =>
    isAbsent(pointers) ? undefined : ofType(present(item, pointers), isCount);
  const assign = <K extends keyof CatalogRow>(key: K, value: CatalogRow[K] | undefined) => {
    if (value !== undefined) row[key] = value;
  };
  assign('name', text(declaration.name));
  assign('provider', text(declaration.provider));
  assign('contextLength', count(declaration.contextLength));
  assign('maxOutputTokens', count(declaration.maxOutputTokens));
  for (const key of ['inputPrice', 'outputPrice', 'cachedInputPrice'] as const) {
    const prices = declaration[key];
    if (isAbsent(prices)) continue;
    for (const price of prices) {
      const read = normalizePrice(item, price);
      if (read.problem) row.problems.push(read.problem);
      if (read.price) {
        row[key] = read.price;
        break;
      }
    }
  }
  // Stryker disable next-line ConditionalExpression: an absent declaration has no input or output side to read
  if (!isAbsent(declaration.modalities)) {
    const input = declaration.modalities.input && nameSet(item, declaration.modalities.input);
    const output = declaration.modalities.output && nameSet(item, declaration.modalities.output);
    if (input || output) row.modalities = { ...(input ? { input } : {}), ...(output ? { output } : {}) };
  }
  if (!isAbsent(declaration.capabilities)) assign('capabilities', nameSet(item, declaration.capabilities));
  assign('status', text(declaration.status));
  assign('created', createdAt(item, declaration.created));
  for (const [label, pointers] of Object.entries(declaration.extra)) {
    const extra = present(item, pointers);
    if (extra) row.extra[label] = extra;
  }
  return row;
}

/** The items of a list body, by the spec's `items` pointers. */
export function listItems(body: unknown, items: Pointers): unknown[] | undefined {
  for (const pointer of items) {
    const value = valueAt(body, pointer);
    if (Array.isArray(value)) return value;
  }
  return undefined;
}
