// The `catalog` part of `x-modelspecs-list`: which property of one listed model carries each catalog dimension
// (id, name, limits, prices with their unit and currency, capabilities...), or why the vendor does not expose it.
// Pointers are RFC 6901 JSON pointers relative to ONE item of the list; a list of pointers is alternatives tried in
// order. This file holds the extension's JSON Schema, its typed form and its one reader.
import { SpecError } from '../errors.js';
import { pointerSegments, toPointer } from '../locate.js';
import { listOperations, type OpenApiDocument, type OperationEntry } from '../openapi.js';

/** The extension that carries list facts on a list operation (the catalog is one of its keys). */
export const LIST_EXTENSION = 'x-modelspecs-list';

/** Price units the catalog converts from, and how many tokens each prices. */
export const CATALOG_PRICE_UNITS = { 'per-token': 1, 'per-1k': 1_000, 'per-1m': 1_000_000 } as const;
export type CatalogPriceUnit = keyof typeof CATALOG_PRICE_UNITS;

/** Currencies a price may be declared in; `unknown` when the vendor does not document one (never assumed). */
export const CATALOG_CURRENCIES = ['USD', 'credits', 'micro-credits', 'unknown'] as const;
export type CatalogCurrency = (typeof CATALOG_CURRENCIES)[number];

/** Formats of a creation time. */
export const CATALOG_TIME_FORMATS = ['unix-seconds', 'iso-8601'] as const;
export type CatalogTimeFormat = (typeof CATALOG_TIME_FORMATS)[number];

/** Every dimension a declaration states, or declares absent. */
export const CATALOG_DIMENSIONS = [
  'id',
  'name',
  'provider',
  'contextLength',
  'maxOutputTokens',
  'inputPrice',
  'outputPrice',
  'cachedInputPrice',
  'modalities',
  'capabilities',
  'status',
  'created',
] as const;
export type CatalogDimension = (typeof CATALOG_DIMENSIONS)[number];

/** Alternatives tried in order: the first pointer whose value is present wins. */
export type Pointers = string[];

export interface Absent {
  absent: string;
}

export interface PriceDeclaration {
  from: Pointers;
  /** The unit, fixed by the spec... */
  unit?: CatalogPriceUnit;
  /** ...or read at run time from a sibling field, whose documented values map to units. */
  unitFrom?: { from: Pointers; values: Record<string, CatalogPriceUnit> };
  currency: CatalogCurrency;
  /** The documented value of one unit of `currency` in USD, as an exact decimal string ("0.001"). */
  usdPerUnit?: string;
}

/** A set of names (capabilities, modalities): true keys of an object, strings of an array, or named booleans. */
export type NameSetDeclaration = (
  | { flags: Pointers }
  | { list: Pointers }
  | { each: Record<string, Pointers> }
) & {
  /** Vendor name -> the catalog's name (e.g. `function_calling: tools`). */
  names?: Record<string, string>;
};

export interface CatalogDeclaration {
  id: Pointers;
  name: Pointers | Absent;
  provider: Pointers | Absent;
  contextLength: Pointers | Absent;
  maxOutputTokens: Pointers | Absent;
  /** Alternatives in order; each may have its own unit and currency (two price shapes of one vendor). */
  inputPrice: PriceDeclaration[] | Absent;
  outputPrice: PriceDeclaration[] | Absent;
  cachedInputPrice: PriceDeclaration[] | Absent;
  modalities: { input?: NameSetDeclaration; output?: NameSetDeclaration } | Absent;
  capabilities: NameSetDeclaration | Absent;
  status: Pointers | Absent;
  created: { from: Pointers; format: CatalogTimeFormat } | Absent;
  /** Further facts shown as they are, by label (e.g. TensorOne's `type`, `baseModel`). */
  extra: Record<string, Pointers>;
}

/** Where the declaration is and what it reads. */
export interface CatalogEntry {
  operation: OperationEntry;
  /** JSON pointer of the `catalog` object in the document (`#/paths/~1models/get/x-modelspecs-list/catalog`). */
  pointer: string;
  /** Where the items are in the 2xx JSON body (`x-modelspecs-list.items`, "" = the body is the array). */
  items: Pointers;
  declaration: CatalogDeclaration;
}

export const isAbsent = (value: unknown): value is Absent =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && 'absent' in value;

// ---------------------------------------------------------------------------------------------------------------
// JSON Schema of the extension part (draft 2020-12): the shape a spec author writes.

const pointer = { type: 'string', pattern: '^(/.*)?$', description: 'JSON pointer relative to one item' };
const pointers = { oneOf: [pointer, { type: 'array', items: pointer, minItems: 1 }] };
const absent = {
  type: 'object',
  required: ['absent'],
  additionalProperties: false,
  properties: { absent: { type: 'string', minLength: 1, description: 'why the vendor does not expose it' } },
};
const price = {
  type: 'object',
  required: ['from', 'currency'],
  additionalProperties: false,
  oneOf: [{ required: ['unit'] }, { required: ['unitFrom'] }],
  properties: {
    from: pointers,
    unit: { enum: Object.keys(CATALOG_PRICE_UNITS) },
    unitFrom: {
      type: 'object',
      required: ['from', 'values'],
      additionalProperties: false,
      properties: {
        from: pointers,
        values: { type: 'object', additionalProperties: { enum: Object.keys(CATALOG_PRICE_UNITS) } },
      },
    },
    currency: { enum: [...CATALOG_CURRENCIES] },
    usdPerUnit: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$' },
  },
};
const nameSet = {
  type: 'object',
  minProperties: 1,
  maxProperties: 2,
  additionalProperties: false,
  properties: {
    flags: pointers,
    list: pointers,
    each: { type: 'object', additionalProperties: pointers },
    names: { type: 'object', additionalProperties: { type: 'string' } },
  },
};
const field = { oneOf: [pointers, absent] };

/** The JSON Schema of `x-modelspecs-list.catalog`. */
export const catalogExtensionSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://modelspecs.dev/schemas/x-modelspecs-list-catalog.json',
  title: 'x-modelspecs-list.catalog',
  type: 'object',
  required: [...CATALOG_DIMENSIONS],
  additionalProperties: false,
  properties: {
    id: pointers,
    name: field,
    provider: field,
    contextLength: field,
    maxOutputTokens: field,
    inputPrice: { oneOf: [price, { type: 'array', items: price, minItems: 1 }, absent] },
    outputPrice: { oneOf: [price, { type: 'array', items: price, minItems: 1 }, absent] },
    cachedInputPrice: { oneOf: [price, { type: 'array', items: price, minItems: 1 }, absent] },
    modalities: {
      oneOf: [
        {
          type: 'object',
          minProperties: 1,
          additionalProperties: false,
          properties: { input: nameSet, output: nameSet },
        },
        absent,
      ],
    },
    capabilities: { oneOf: [nameSet, absent] },
    status: field,
    created: {
      oneOf: [
        {
          type: 'object',
          required: ['from', 'format'],
          additionalProperties: false,
          properties: { from: pointers, format: { enum: [...CATALOG_TIME_FORMATS] } },
        },
        absent,
      ],
    },
    extra: { type: 'object', additionalProperties: pointers },
  },
} as const;

// ---------------------------------------------------------------------------------------------------------------
// The reader.

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

/** The list operations that carry a `catalog` declaration, with where they are. */
export function catalogDeclarationSites(doc: OpenApiDocument): { operation: OperationEntry; raw: Raw }[] {
  return listOperations(doc).flatMap((operation) => {
    const list = (operation.operation as Raw)[LIST_EXTENSION];
    return isRaw(list) && list.catalog !== undefined ? [{ operation, raw: list }] : [];
  });
}

/**
 * The catalog declaration of a spec: which item property carries each model dimension, read from the
 * `x-modelspecs-list.catalog` of its list operation. `undefined` when the spec declares none; a SpecError naming
 * every problem (with its pointer) when the declaration is malformed. Whether the pointers resolve in the model
 * schema is the lint rule's business (`checkCatalog`).
 */
export function catalogDeclaration(doc: OpenApiDocument): CatalogEntry | undefined {
  const sites = catalogDeclarationSites(doc);
  if (sites.length === 0) return undefined;
  const problems: string[] = [];
  if (sites.length > 1) {
    problems.push(
      `${sites.map((s) => `${s.operation.pointer}/${LIST_EXTENSION}/catalog`).join(', ')}: declare the catalog on one list operation only`,
    );
  }
  const [{ operation, raw }] = sites as [(typeof sites)[number]];
  const base = [...pointerSegments(operation.pointer), LIST_EXTENSION, 'catalog'];
  const read = readCatalogDeclaration(raw.catalog, base);
  problems.push(...read.problems);
  const items = new Reader([...pointerSegments(operation.pointer), LIST_EXTENSION]);
  const itemPointers = items.pointers(raw.items, ['items']);
  problems.push(...items.problems);
  if (problems.length > 0 || !read.declaration || !itemPointers) {
    throw new SpecError('The x-modelspecs-list catalog declaration is invalid', problems);
  }
  return {
    operation,
    pointer: toPointer(base),
    items: itemPointers,
    declaration: read.declaration,
  };
}
