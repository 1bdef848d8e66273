// Lint checks of `x-modelspecs-list.catalog`: every dimension is declared or declared absent, every price unit is
// one the catalog converts, the declaration reads (currencies, formats, pointers written as pointers), and every
// pointer reaches a property of the listed model's schema with the type its dimension needs. Each check is one
// small function returning `{ pointer, message }` problems.
import type { Oas3Rule } from '@redocly/openapi-core';
import { type DeclarationProblem, rawListDeclarations } from '../declarations.js';
import {
  CATALOG_DIMENSIONS,
  CATALOG_PRICE_UNITS,
  type CatalogDeclaration,
  isAbsent,
  type Pointers,
} from '../extensions/catalog.js';
import { readCatalogDeclaration } from '../extensions/catalog-declaration.js';
import type { OpenApiDocument } from '../openapi.js';
import { child, pointerSegments } from '../pointer.js';
import { itemSchemaGroups, pointerProblems } from './declarations.js';
import { documentRule } from './rule.js';

type Raw = Record<string, unknown>;
const isRaw = (value: unknown): value is Raw =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The list declarations that carry a catalog, as written. */
const catalogSites = (doc: OpenApiDocument) =>
  rawListDeclarations(doc).flatMap(({ operation, pointer, value }) =>
    isRaw(value) && value.catalog !== undefined
      ? [{ operation, list: value, pointer: child(pointer, 'catalog'), catalog: value.catalog }]
      : [],
  );

/** Dimensions the declaration neither states nor declares absent. */
export function missingDimensions(doc: OpenApiDocument): DeclarationProblem[] {
  return catalogSites(doc).flatMap(({ pointer, catalog }) =>
    CATALOG_DIMENSIONS.filter((d) => !isRaw(catalog) || !(d in catalog)).map((dimension) => ({
      pointer,
      message: `dimension "${dimension}" is missing: give its pointer, or { absent: "<why>" } when the vendor does not expose it`,
    })),
  );
}

/** Price units (fixed, or the values of a run-time unit field) that the catalog does not know. */
export function unknownUnits(doc: OpenApiDocument): DeclarationProblem[] {
  const known = Object.keys(CATALOG_PRICE_UNITS);
  const problems: DeclarationProblem[] = [];
  for (const { pointer, catalog } of catalogSites(doc)) {
    if (!isRaw(catalog)) continue;
    for (const dimension of ['inputPrice', 'outputPrice', 'cachedInputPrice']) {
      const value = catalog[dimension];
      const prices = Array.isArray(value) ? value : [value];
      prices.forEach((price, i) => {
        if (!isRaw(price)) return;
        const at = Array.isArray(value) ? [dimension, i] : [dimension];
        const units: [unknown, (string | number)[]][] = [];
        if ('unit' in price) units.push([price.unit, [...at, 'unit']]);
        if (isRaw(price.unitFrom) && isRaw(price.unitFrom.values)) {
          for (const [name, unit] of Object.entries(price.unitFrom.values)) {
            units.push([unit, [...at, 'unitFrom', 'values', name]]);
          }
        }
        for (const [unit, path] of units) {
          if (typeof unit === 'string' && known.includes(unit)) continue;
          problems.push({
            pointer: child(pointer, ...path),
            message: `unknown price unit ${JSON.stringify(unit)}: the catalog knows ${known.join(', ')}`,
          });
        }
      });
    }
  }
  return problems;
}

/** What the reader refuses in a declaration (currencies, formats, rates, pointers, unknown keys), with pointers. */
export function declarationProblems(doc: OpenApiDocument): DeclarationProblem[] {
  return catalogSites(doc).flatMap(({ pointer, catalog }) =>
    readCatalogDeclaration(catalog, pointerSegments(pointer)).problems.map((line) => {
      const split = line.indexOf(': ');
      return { pointer: line.slice(0, split), message: line.slice(split + 2) };
    }),
  );
}

/** The types a plain dimension's pointers must reach (any one of them). */
const FIELD_TYPES: Partial<Record<keyof CatalogDeclaration, string[]>> = {
  id: ['string', 'integer', 'number'],
  name: ['string'],
  provider: ['string'],
  contextLength: ['integer', 'number'],
  maxOutputTokens: ['integer', 'number'],
  status: ['string'],
};

/** Every pointer list of a declaration, with where it is written, the types it must reach and what it is. */
export function declaredPointers(
  declaration: CatalogDeclaration,
): { pointers: Pointers; at: (string | number)[]; types: string[]; what: string }[] {
  const out: { pointers: Pointers; at: (string | number)[]; types: string[]; what: string }[] = [];
  for (const [dimension, types] of Object.entries(FIELD_TYPES)) {
    const value = declaration[dimension as keyof CatalogDeclaration] as Pointers | { absent: string };
    if (!isAbsent(value)) out.push({ pointers: value, at: [dimension], types, what: dimension });
  }
  for (const dimension of ['inputPrice', 'outputPrice', 'cachedInputPrice'] as const) {
    const value = declaration[dimension];
    if (isAbsent(value)) continue;
    value.forEach((price, i) => {
      const at = value.length > 1 ? [dimension, i] : [dimension];
      out.push({ pointers: price.from, at: [...at, 'from'], types: ['number', 'string'], what: dimension });
      if (price.unitFrom) {
        out.push({
          pointers: price.unitFrom.from,
          at: [...at, 'unitFrom', 'from'],
          types: ['string'],
          what: 'price unit',
        });
      }
    });
  }
  const sets: [(string | number)[], CatalogDeclaration['capabilities'] | undefined][] = [
    [['capabilities'], declaration.capabilities],
  ];
  if (!isAbsent(declaration.modalities)) {
    sets.push([['modalities', 'input'], declaration.modalities.input]);
    sets.push([['modalities', 'output'], declaration.modalities.output]);
  }
  for (const [at, set] of sets) {
    if (!set || isAbsent(set)) continue;
    const what = String(at.join(' '));
    if ('flags' in set) out.push({ pointers: set.flags, at: [...at, 'flags'], types: ['object'], what });
    if ('list' in set) out.push({ pointers: set.list, at: [...at, 'list'], types: ['array'], what });
    if ('each' in set) {
      for (const [name, p] of Object.entries(set.each)) {
        out.push({ pointers: p, at: [...at, 'each', name], types: ['boolean'], what: `${what} flag` });
      }
    }
  }
  if (!isAbsent(declaration.created)) {
    const types = declaration.created.format === 'unix-seconds' ? ['integer', 'number'] : ['string'];
    out.push({ pointers: declaration.created.from, at: ['created', 'from'], types, what: 'creation time' });
  }
  const anyType = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
  for (const [label, p] of Object.entries(declaration.extra)) {
    out.push({ pointers: p, at: ['extra', label], types: anyType, what: label });
  }
  return out;
}

/** Pointers that reach no property of the model schema, and pointers that reach one of the wrong type. */
export function catalogPointers(doc: OpenApiDocument): DeclarationProblem[] {
  return catalogSites(doc).flatMap(({ operation, list, pointer, catalog }) => {
    const { declaration } = readCatalogDeclaration(catalog, pointerSegments(pointer));
    if (!declaration || list.items === undefined) return [];
    const groups = itemSchemaGroups(doc, operation, list.items as Pointers);
    return declaredPointers(declaration).flatMap(({ pointers, at, types, what }) =>
      pointerProblems(
        doc,
        groups,
        pointers.length === 1 ? pointers[0]! : pointers,
        child(pointer, ...at),
        types,
        what,
      ),
    );
  });
}

/**
 * modelspecs/catalog: the checks above on the whole document, each problem reported once at the pointer of the
 * declaration at fault. A spec split over several files is checked on its bundle by the reader instead
 * (`catalogDeclaration` refuses what these checks report).
 */
export const catalog: Oas3Rule = documentRule('modelspecs/catalog', (doc) => [
  ...missingDimensions(doc),
  ...unknownUnits(doc),
  ...declarationProblems(doc),
  ...catalogPointers(doc),
]);
