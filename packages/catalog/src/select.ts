// Sorting and filtering rows (the CLI's --sort, --min-context, --max-input-price, --capability).
import { compareDecimals, type Decimal, parseDecimal } from './decimal.js';
import type { CatalogRow } from './normalize.js';

export const SORT_KEYS = ['price', 'context', 'vendor'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Ranks input prices: USD (documented or converted) first, then each other currency apart, then none. */
function priceRank(row: CatalogRow): [number, string, Decimal | undefined] {
  const price = row.inputPrice;
  if (price?.usdPerMillion !== undefined) return [0, 'USD', parseDecimal(price.usdPerMillion)];
  if (price) return [1, price.currency, parseDecimal(price.perMillion)];
  return [2, '', undefined];
}

/**
 * Cheapest input price first (prices in USD, then those in another currency by currency, then rows without a price),
 * largest context first, or by vendor then id.
 */
export function sortRows(rows: readonly CatalogRow[], key: SortKey): CatalogRow[] {
  const byVendor = (a: CatalogRow, b: CatalogRow) =>
    a.vendor.localeCompare(b.vendor) || a.id.value.localeCompare(b.id.value);
  const compare: Record<SortKey, (a: CatalogRow, b: CatalogRow) => number> = {
    vendor: byVendor,
    context: (a, b) => (b.contextLength?.value ?? -1) - (a.contextLength?.value ?? -1) || byVendor(a, b),
    price: (a, b) => {
      const [rankA, currencyA, x] = priceRank(a);
      const [rankB, currencyB, y] = priceRank(b);
      return (
        rankA - rankB ||
        currencyA.localeCompare(currencyB) ||
        (x && y ? compareDecimals(x, y) : 0) ||
        byVendor(a, b)
      );
    },
  };
  return [...rows].sort(compare[key]);
}

export interface RowFilter {
  minContext?: number;
  /** Largest input price in USD per 1M tokens, a decimal string; rows without a USD price do not pass. */
  maxInputPrice?: string;
  /** Capabilities every row must have (`tools`, `vision`...). */
  capabilities?: readonly string[];
}

/** The rows that meet every given filter; a row missing the filtered value does not. */
export function filterRows(rows: readonly CatalogRow[], filter: RowFilter): CatalogRow[] {
  const max = filter.maxInputPrice === undefined ? undefined : parseDecimal(filter.maxInputPrice);
  return rows.filter((row) => {
    if (filter.minContext !== undefined && !((row.contextLength?.value ?? -1) >= filter.minContext))
      return false;
    if (max) {
      const price = parseDecimal(row.inputPrice?.usdPerMillion);
      if (!price || compareDecimals(price, max) > 0) return false;
    }
    return (filter.capabilities ?? []).every((c) => row.capabilities?.value.includes(c));
  });
}
