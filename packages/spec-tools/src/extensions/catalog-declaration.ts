// The one reader of `x-modelspecs-list.catalog` (its schema and types are in catalog.ts).
import { listDeclarations } from '../declarations.js';
import { SpecError } from '../errors.js';
import type { OpenApiDocument } from '../openapi.js';
import { pointerSegments, toPointer } from '../pointer.js';
import {
  type Absent,
  CATALOG_CURRENCIES,
  CATALOG_DIMENSIONS,
  CATALOG_PRICE_UNITS,
  CATALOG_TIME_FORMATS,
  type CatalogCurrency,
  type CatalogDeclaration,
  type CatalogDimension,
  type CatalogEntry,
  type CatalogPriceUnit,
  type CatalogTimeFormat,
  isAbsent,
  type NameSetDeclaration,
  type Pointers,
  type PriceDeclaration,
} from './catalog.js';

type Raw = Record<string, unknown>;
const isRaw = (value: unknown): value is Raw =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Reads the typed form of one raw declaration; every shape problem is collected as `pointer: message`. */
class Reader {
  readonly problems: string[] = [];
  constructor(private readonly base: (string | number)[]) {}

  fail(path: (string | number)[], message: string): undefined {
    this.problems.push(`${toPointer([...this.base, ...path])}: ${message}`);
    return undefined;
  }

  pointers(value: unknown, path: (string | number)[]): Pointers | undefined {
    const list = Array.isArray(value) ? value : [value];
    if (value === undefined || list.length === 0) {
      return this.fail(path, 'give a JSON pointer such as "/id" ("" for the whole value) or a list of them');
    }
    for (const item of list) {
      if (typeof item !== 'string' || (item !== '' && !item.startsWith('/'))) {
        return this.fail(path, `${JSON.stringify(item)} is not a JSON pointer (write "/field" or "/a/b")`);
      }
    }
    return list as string[];
  }

  absentOr<T>(value: unknown, path: (string | number)[], read: () => T | undefined): T | Absent | undefined {
    if (isAbsent(value)) {
      if (typeof value.absent !== 'string' || value.absent.trim() === '') {
        return this.fail([...path, 'absent'], 'say why the vendor does not expose this dimension');
      }
      return { absent: value.absent };
    }
    return read();
  }

  price(value: unknown, path: (string | number)[]): PriceDeclaration | undefined {
    if (!isRaw(value))
      return this.fail(path, 'give { from, unit | unitFrom, currency } or { absent: reason }');
    const from = this.pointers(value.from, [...path, 'from']);
    const unit = value.unit === undefined ? undefined : this.unit(value.unit, [...path, 'unit']);
    let unitFrom: PriceDeclaration['unitFrom'];
    if (value.unitFrom !== undefined) {
      const raw = value.unitFrom;
      if (!isRaw(raw) || !isRaw(raw.values)) {
        return this.fail([...path, 'unitFrom'], 'give { from: pointer, values: { <value>: <unit> } }');
      }
      const values: Record<string, CatalogPriceUnit> = {};
      for (const [name, v] of Object.entries(raw.values)) {
        const known = this.unit(v, [...path, 'unitFrom', 'values', name]);
        if (known) values[name] = known;
      }
      const source = this.pointers(raw.from, [...path, 'unitFrom', 'from']);
      if (source) unitFrom = { from: source, values };
    }
    if ((value.unit === undefined) === (value.unitFrom === undefined)) {
      return this.fail(
        path,
        'declare the price unit once: `unit: per-token | per-1k | per-1m`, or `unitFrom`',
      );
    }
    const currency = value.currency;
    if (!CATALOG_CURRENCIES.includes(currency as CatalogCurrency)) {
      return this.fail(
        [...path, 'currency'],
        `currency ${JSON.stringify(currency)} is not one of ${CATALOG_CURRENCIES.join(', ')} (say "unknown" when the vendor documents none)`,
      );
    }
    const usd = value.usdPerUnit;
    if (usd !== undefined && (typeof usd !== 'string' || !/^[0-9]+(\.[0-9]+)?$/.test(usd))) {
      return this.fail(
        [...path, 'usdPerUnit'],
        'give the USD value of one unit as a decimal string, e.g. "0.001"',
      );
    }
    if (usd !== undefined && (currency === 'USD' || currency === 'unknown')) {
      return this.fail([...path, 'usdPerUnit'], `a ${currency} price takes no usdPerUnit`);
    }
    if (!from || (value.unit !== undefined && !unit)) return undefined;
    return {
      from,
      ...(unit ? { unit } : {}),
      ...(unitFrom ? { unitFrom } : {}),
      currency: currency as CatalogCurrency,
      ...(usd !== undefined ? { usdPerUnit: usd as string } : {}),
    };
  }

  unit(value: unknown, path: (string | number)[]): CatalogPriceUnit | undefined {
    if (typeof value === 'string' && value in CATALOG_PRICE_UNITS) return value as CatalogPriceUnit;
    return this.fail(
      path,
      `unknown price unit ${JSON.stringify(value)}: the catalog knows ${Object.keys(CATALOG_PRICE_UNITS).join(', ')}`,
    );
  }

  prices(value: unknown, path: (string | number)[]): PriceDeclaration[] | Absent | undefined {
    return this.absentOr(value, path, () => {
      const list = Array.isArray(value) ? value : [value];
      const read = list.map((item, i) => this.price(item, Array.isArray(value) ? [...path, i] : path));
      return read.every((p) => p !== undefined) ? (read as PriceDeclaration[]) : undefined;
    });
  }

  nameSet(value: unknown, path: (string | number)[]): NameSetDeclaration | undefined {
    if (!isRaw(value)) return this.fail(path, 'give { flags | list | each } or { absent: reason }');
    const names = isRaw(value.names) ? (value.names as Record<string, string>) : undefined;
    const withNames = <T extends object>(set: T) => (names ? { ...set, names } : set);
    if (value.flags !== undefined) {
      const flags = this.pointers(value.flags, [...path, 'flags']);
      return flags && withNames({ flags });
    }
    if (value.list !== undefined) {
      const list = this.pointers(value.list, [...path, 'list']);
      return list && withNames({ list });
    }
    if (isRaw(value.each)) {
      const each: Record<string, Pointers> = {};
      for (const [name, p] of Object.entries(value.each)) {
        const read = this.pointers(p, [...path, 'each', name]);
        if (read) each[name] = read;
      }
      return withNames({ each });
    }
    return this.fail(
      path,
      'give `flags` (object of booleans), `list` (array of names) or `each` (named booleans)',
    );
  }
}

/** The typed declaration of a raw `catalog` object; `base` is its place in the document, for messages. */
export function readCatalogDeclaration(
  raw: unknown,
  base: (string | number)[] = [],
): { declaration?: CatalogDeclaration; problems: string[] } {
  const reader = new Reader(base);
  if (!isRaw(raw)) return { problems: [`${toPointer(base)}: the catalog declaration must be an object`] };
  const problems = reader.problems;
  for (const dimension of CATALOG_DIMENSIONS) {
    if (!(dimension in raw)) {
      problems.push(
        `${toPointer(base)}: dimension "${dimension}" is missing: give its pointer, or { absent: "<why>" } when the vendor does not expose it`,
      );
    }
  }
  for (const key of Object.keys(raw)) {
    if (!(CATALOG_DIMENSIONS as readonly string[]).includes(key) && key !== 'extra') {
      problems.push(`${toPointer([...base, key])}: "${key}" is not a catalog dimension`);
    }
  }
  // A missing dimension is reported once, above; only the declared ones are read.
  const declared = <T>(key: CatalogDimension, read: () => T): T | undefined =>
    key in raw ? read() : undefined;
  const field = (key: CatalogDimension) =>
    declared(key, () => reader.absentOr(raw[key], [key], () => reader.pointers(raw[key], [key])));
  const modalities = declared('modalities', () =>
    reader.absentOr(raw.modalities, ['modalities'], () => {
      const value = raw.modalities;
      if (!isRaw(value) || (value.input === undefined && value.output === undefined)) {
        return reader.fail(
          ['modalities'],
          'give { input?, output? } name sets or { absent: reason }',
        ) as undefined;
      }
      const input =
        value.input === undefined ? undefined : reader.nameSet(value.input, ['modalities', 'input']);
      const output =
        value.output === undefined ? undefined : reader.nameSet(value.output, ['modalities', 'output']);
      return { ...(input ? { input } : {}), ...(output ? { output } : {}) };
    }),
  );
  const created = declared('created', () =>
    reader.absentOr(raw.created, ['created'], () => {
      const value = raw.created;
      if (!isRaw(value))
        return reader.fail(['created'], 'give { from, format } or { absent: reason }') as undefined;
      const from = reader.pointers(value.from, ['created', 'from']);
      if (!CATALOG_TIME_FORMATS.includes(value.format as CatalogTimeFormat)) {
        return reader.fail(
          ['created', 'format'],
          `format must be ${CATALOG_TIME_FORMATS.join(' or ')}`,
        ) as undefined;
      }
      return from && { from, format: value.format as CatalogTimeFormat };
    }),
  );
  const extra: Record<string, Pointers> = {};
  if (raw.extra !== undefined) {
    if (!isRaw(raw.extra)) reader.fail(['extra'], 'give { <label>: pointer }');
    else {
      for (const [label, p] of Object.entries(raw.extra)) {
        const read = reader.pointers(p, ['extra', label]);
        if (read) extra[label] = read;
      }
    }
  }
  const declaration = {
    id: 'id' in raw ? reader.pointers(raw.id, ['id']) : undefined,
    name: field('name'),
    provider: field('provider'),
    contextLength: field('contextLength'),
    maxOutputTokens: field('maxOutputTokens'),
    inputPrice: declared('inputPrice', () => reader.prices(raw.inputPrice, ['inputPrice'])),
    outputPrice: declared('outputPrice', () => reader.prices(raw.outputPrice, ['outputPrice'])),
    cachedInputPrice: declared('cachedInputPrice', () =>
      reader.prices(raw.cachedInputPrice, ['cachedInputPrice']),
    ),
    modalities,
    capabilities: declared('capabilities', () =>
      reader.absentOr(raw.capabilities, ['capabilities'], () =>
        reader.nameSet(raw.capabilities, ['capabilities']),
      ),
    ),
    status: field('status'),
    created,
    extra,
  };
  if (problems.length > 0) return { problems };
  return { declaration: declaration as CatalogDeclaration, problems };
}

/**
 * The catalog declaration of a spec: which item property carries each model dimension, read from the
 * `x-modelspecs-list.catalog` of its list operation (through `listDeclarations`). `undefined` when the spec declares
 * none; a SpecError naming every problem (with its pointer) when a declaration is malformed. Whether the pointers
 * reach the model schema is the lint rule's business (`modelspecs/catalog`).
 */
export function catalogDeclaration(doc: OpenApiDocument): CatalogEntry | undefined {
  const lists = listDeclarations(doc).filter((list) => list.catalog !== undefined);
  if (lists.length === 0) return undefined;
  const problems: string[] = [];
  if (lists.length > 1) {
    problems.push(
      `${lists.map((l) => l.pointer).join(', ')}: declare the catalog on one list operation only`,
    );
  }
  const list = lists[0]!;
  const base = [...pointerSegments(list.pointer), 'catalog'];
  const read = readCatalogDeclaration(list.catalog, base);
  problems.push(...read.problems);
  if (problems.length > 0 || !read.declaration) {
    throw new SpecError('The x-modelspecs-list catalog declaration is invalid', problems);
  }
  return {
    operation: list.operation,
    list,
    pointer: toPointer(base),
    items: list.items,
    declaration: read.declaration,
  };
}
