// The `catalog` part of `x-modelspecs-list`: which property of one listed model carries each catalog dimension
// (id, name, limits, prices with their unit and currency, capabilities...), or why the vendor does not expose it.
// Pointers are RFC 6901 JSON pointers relative to ONE item of the list; a list of pointers is alternatives tried in
// order. This file holds the part's JSON Schema and its typed form; catalog-declaration.ts is its one reader.

import type { ListDeclaration } from '../declarations.js';
import type { OperationEntry } from '../openapi.js';
import type { JsonSchema } from './json-schema.js';

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
  /** The list declaration the catalog is part of. */
  list: ListDeclaration;
  /** JSON pointer of the `catalog` object in the document (`#/paths/~1models/get/x-modelspecs-list/catalog`). */
  pointer: string;
  /** Where the items are in the 2xx JSON body (`x-modelspecs-list.items`, "" = the body is the array). */
  items: Pointers;
  declaration: CatalogDeclaration;
}

export const isAbsent = (value: unknown): value is Absent =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && 'absent' in value;

// ---------------------------------------------------------------------------------------------------------------
// JSON Schema of the part (a `$defs` entry of extensions/schema.ts: `#/$defs/pointers` is the shared pointer list).

const pointers = { $ref: '#/$defs/pointers' };
const absent = {
  type: 'object',
  required: ['absent'],
  additionalProperties: false,
  properties: { absent: { type: 'string', minLength: 1, description: 'Why the vendor does not expose it.' } },
};
const unit = { enum: Object.keys(CATALOG_PRICE_UNITS) };
const priceFields = {
  from: pointers,
  currency: { enum: [...CATALOG_CURRENCIES] },
  usdPerUnit: {
    type: 'string',
    pattern: '^[0-9]+(\\.[0-9]+)?$',
    description: 'USD per one unit of the currency.',
  },
};
const price = {
  oneOf: [
    {
      type: 'object',
      required: ['from', 'unit', 'currency'],
      additionalProperties: false,
      properties: { ...priceFields, unit },
    },
    {
      type: 'object',
      required: ['from', 'unitFrom', 'currency'],
      additionalProperties: false,
      properties: {
        ...priceFields,
        unitFrom: {
          type: 'object',
          required: ['from', 'values'],
          additionalProperties: false,
          properties: { from: pointers, values: { type: 'object', additionalProperties: unit } },
        },
      },
    },
  ],
};
const names = { type: 'object', additionalProperties: { type: 'string' } };
const nameSet = {
  oneOf: (['flags', 'list'] as const)
    .map((key) => ({
      type: 'object',
      required: [key],
      additionalProperties: false,
      properties: { [key]: pointers, names },
    }))
    .concat([
      {
        type: 'object',
        required: ['each'],
        additionalProperties: false,
        properties: { each: { type: 'object', additionalProperties: pointers }, names },
      } as never,
    ]),
};
const field = { oneOf: [pointers, absent] };
const prices = { oneOf: [price, { type: 'array', items: price, minItems: 1 }, absent] };

/** The JSON Schema of `x-modelspecs-list.catalog` (`$defs.catalog` of the extensions' schema). */
export const catalogSchema: JsonSchema = {
  type: 'object',
  description: 'Which property of one listed model carries each catalog dimension, or why it is absent.',
  required: [...CATALOG_DIMENSIONS],
  additionalProperties: false,
  properties: {
    id: pointers,
    name: field,
    provider: field,
    contextLength: field,
    maxOutputTokens: field,
    inputPrice: prices,
    outputPrice: prices,
    cachedInputPrice: prices,
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
};
