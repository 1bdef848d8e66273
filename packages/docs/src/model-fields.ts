/**
 * What a vendor's model object exposes, as its spec declares it in `x-modelspecs-list.catalog` (read through
 * spec-tools' `catalogDeclaration`): for each catalog dimension the field(s) that carry it, with the unit and currency
 * of each price, or the reason the vendor does not expose it. Nothing is inferred from names or descriptions.
 */
import {
  CATALOG_DIMENSIONS,
  type CatalogDimension,
  catalogDeclaration,
  isAbsent,
  type NameSetDeclaration,
  type OpenApiDocument,
  type PriceDeclaration,
  SpecError,
} from '@modelspecs/spec-tools';

/** One field a dimension is read from, with what the declaration says about it ("per 1K tokens · USD"). */
export interface DeclaredField {
  /** JSON pointer inside one model object, e.g. `/pricing/prompt`. */
  pointer: string;
  /** What the dimension reads from it (`input`, `output`, `cached input`, a capability name...). */
  label?: string;
  note?: string;
}

export type DeclaredDimension = { fields: DeclaredField[] } | { absent: string };

export interface ModelDimensions {
  /** `GET /models`: the list operation that carries the declaration; undefined when the spec declares none. */
  operation?: string;
  /** Why the declaration could not be read (it is malformed: `pnpm lint` names the problem). */
  error?: string;
  dimensions: Partial<Record<CatalogDimension, DeclaredDimension>>;
}

const UNIT_WORDS = {
  'per-token': 'per token',
  'per-1k': 'per 1K tokens',
  'per-1m': 'per 1M tokens',
} as const;

function priceNote(price: PriceDeclaration): string {
  const unit = price.unit
    ? UNIT_WORDS[price.unit]
    : `unit read from ${price.unitFrom!.from.join(' or ')} (${Object.entries(price.unitFrom!.values)
        .map(([value, unit]) => `${value} = ${UNIT_WORDS[unit]}`)
        .join(', ')})`;
  const currency =
    price.currency === 'unknown'
      ? 'currency undocumented'
      : price.usdPerUnit
        ? `${price.currency} (1 ${price.currency.replace(/s$/, '')} = ${price.usdPerUnit} USD)`
        : price.currency;
  return `${unit} · ${currency}`;
}

const pointerFields = (pointers: string[], label?: string, note?: string): DeclaredField[] =>
  pointers.map((pointer, i) => ({
    pointer,
    ...(label ? { label } : {}),
    ...(note ? { note } : pointers.length > 1 ? { note: i === 0 ? 'first choice' : 'else' } : {}),
  }));

function nameSetFields(set: NameSetDeclaration, label?: string): DeclaredField[] {
  const renamed = set.names
    ? ` (${Object.entries(set.names)
        .map(([from, to]) => `${from} = ${to}`)
        .join(', ')})`
    : '';
  if ('flags' in set) return pointerFields(set.flags, label, `names of the true flags${renamed}`);
  if ('list' in set) return pointerFields(set.list, label, `list of names${renamed}`);
  return Object.entries(set.each).flatMap(([name, pointers]) =>
    pointerFields(pointers, label, `flag: ${name}`),
  );
}

/** Reads the model dimensions a spec declares. Pure: the same document always gives the same answer. */
export function modelDimensions(doc: OpenApiDocument): ModelDimensions {
  let entry: ReturnType<typeof catalogDeclaration>;
  try {
    entry = catalogDeclaration(doc);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return { error: error.problems.join('; ') || error.message, dimensions: {} };
  }
  if (!entry) return { dimensions: {} };
  const { declaration } = entry;
  const dimensions: ModelDimensions['dimensions'] = {};
  for (const dimension of CATALOG_DIMENSIONS) {
    const value = declaration[dimension];
    if (isAbsent(value)) {
      dimensions[dimension] = { absent: value.absent };
      continue;
    }
    let fields: DeclaredField[];
    if (dimension === 'inputPrice' || dimension === 'outputPrice' || dimension === 'cachedInputPrice') {
      fields = (value as PriceDeclaration[]).flatMap((price) =>
        pointerFields(price.from, undefined, priceNote(price)),
      );
    } else if (dimension === 'capabilities') {
      fields = nameSetFields(value as NameSetDeclaration);
    } else if (dimension === 'modalities') {
      const { input, output } = value as { input?: NameSetDeclaration; output?: NameSetDeclaration };
      fields = [
        ...(input ? nameSetFields(input, 'input') : []),
        ...(output ? nameSetFields(output, 'output') : []),
      ];
    } else if (dimension === 'created') {
      const created = value as { from: string[]; format: string };
      fields = pointerFields(
        created.from,
        undefined,
        created.format === 'unix-seconds' ? 'Unix seconds' : 'ISO 8601',
      );
    } else {
      fields = pointerFields(value as string[]);
    }
    dimensions[dimension] = { fields };
  }
  return { operation: `${entry.operation.method.toUpperCase()} ${entry.operation.path}`, dimensions };
}
