// Lint checks of `x-modelspecs-list.catalog`: every dimension is declared or declared absent, every price unit is
// one the catalog converts, and every pointer resolves to a property of the listed model's schema with the type the
// dimension needs. Each check is one small function returning `{ pointer, message }` problems.
import type { CheckResult } from '../checks.js';
import { SpecError } from '../errors.js';
import {
  CATALOG_DIMENSIONS,
  CATALOG_PRICE_UNITS,
  type CatalogDeclaration,
  catalogDeclaration,
  catalogDeclarationSites,
  isAbsent,
  LIST_EXTENSION,
  type Pointers,
} from '../extensions/catalog.js';
import { pointerSegments, type SourceLocator, toPointer } from '../locate.js';
import { documentedResponse, firstJsonMediaType } from '../lookup.js';
import { deref, type JsonSchema, type OpenApiDocument, type OperationEntry } from '../openapi.js';

export interface CatalogProblem {
  /** Where in the document (the declaration's pointer). */
  pointer: string;
  message: string;
}

type Raw = Record<string, unknown>;
const isRaw = (value: unknown): value is Raw =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const catalogPointer = (operation: OperationEntry, ...rest: (string | number)[]) =>
  toPointer([...pointerSegments(operation.pointer), LIST_EXTENSION, 'catalog', ...rest]);

/** Dimensions the declaration neither states nor declares absent. */
export function missingDimensions(doc: OpenApiDocument): CatalogProblem[] {
  return catalogDeclarationSites(doc).flatMap(({ operation, raw }) => {
    const catalog = isRaw(raw.catalog) ? raw.catalog : {};
    return CATALOG_DIMENSIONS.filter((d) => !(d in catalog)).map((dimension) => ({
      pointer: catalogPointer(operation),
      message: `dimension "${dimension}" is missing: give its pointer, or { absent: "<why>" } when the vendor does not expose it`,
    }));
  });
}

/** Price units (fixed, or the values of a run-time unit field) that the catalog does not know. */
export function unknownUnits(doc: OpenApiDocument): CatalogProblem[] {
  const known = Object.keys(CATALOG_PRICE_UNITS);
  const problems: CatalogProblem[] = [];
  for (const { operation, raw } of catalogDeclarationSites(doc)) {
    if (!isRaw(raw.catalog)) continue;
    for (const dimension of ['inputPrice', 'outputPrice', 'cachedInputPrice']) {
      const value = raw.catalog[dimension];
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
            pointer: catalogPointer(operation, ...path),
            message: `unknown price unit ${JSON.stringify(unit)}: the catalog knows ${known.join(', ')}`,
          });
        }
      });
    }
  }
  return problems;
}

/** The schemas a value at `pointer` (relative to a value of `schema`) may match: every branch, refs resolved. */
export function schemasAt(doc: OpenApiDocument, schema: JsonSchema, pointer: string): JsonSchema[] {
  let current = branches(doc, schema);
  for (const segment of pointerSegments(pointer)) {
    const next: JsonSchema[] = [];
    for (const part of current) {
      const properties = isRaw(part.properties) ? part.properties : {};
      if (segment in properties) next.push(...branches(doc, properties[segment] as JsonSchema));
      else if (/^\d+$/.test(segment) && isRaw(part.items)) next.push(...branches(doc, part.items));
    }
    current = next;
    if (current.length === 0) return [];
  }
  return current;
}

function branches(doc: OpenApiDocument, schema: JsonSchema, seen = new Set<JsonSchema>()): JsonSchema[] {
  const resolved = deref<JsonSchema>(doc, schema);
  if (!isRaw(resolved) || seen.has(resolved)) return [];
  seen.add(resolved);
  const parts = [resolved];
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const list = resolved[key];
    if (Array.isArray(list)) for (const item of list) parts.push(...branches(doc, item as JsonSchema, seen));
  }
  return parts;
}

const typesOf = (schemas: JsonSchema[]): Set<string> =>
  new Set(
    schemas.flatMap((s) => {
      const type = s.type;
      const listed = Array.isArray(type) ? type.map(String) : typeof type === 'string' ? [type] : [];
      return isRaw(s.properties) && listed.length === 0 ? ['object'] : listed;
    }),
  );

/** The schema of one listed item: the 2xx JSON body of the list operation, followed down `items`. */
export function listItemSchema(
  doc: OpenApiDocument,
  operation: OperationEntry,
  items: Pointers,
): { schema?: JsonSchema; problem?: string } {
  const response = documentedResponse(doc, operation, 200);
  const media = response && firstJsonMediaType(response);
  if (!media?.value.schema) return { problem: 'the list operation has no 2xx JSON response schema' };
  for (const pointer of items) {
    const arrays = schemasAt(doc, media.value.schema, pointer).filter((s) => isRaw(s.items));
    if (arrays[0]) return { schema: arrays[0].items as JsonSchema };
  }
  return {
    problem: `items ${JSON.stringify(items)} does not lead to an array in the 2xx JSON schema of ${operation.method.toUpperCase()} ${operation.path}`,
  };
}

/** The types a dimension's pointers must have (any one of them). */
const FIELD_TYPES: Record<string, string[]> = {
  id: ['string', 'integer', 'number'],
  name: ['string'],
  provider: ['string'],
  contextLength: ['integer', 'number'],
  maxOutputTokens: ['integer', 'number'],
  status: ['string'],
};

/** Every pointer of a declaration with the types it must have and where it is declared. */
export function declaredPointers(
  declaration: CatalogDeclaration,
): { pointer: string; types: string[]; at: (string | number)[] }[] {
  const out: { pointer: string; types: string[]; at: (string | number)[] }[] = [];
  const add = (pointers: Pointers, types: string[], at: (string | number)[]) => {
    pointers.forEach((pointer, i) => {
      out.push({ pointer, types, at: pointers.length > 1 ? [...at, i] : at });
    });
  };
  for (const [dimension, types] of Object.entries(FIELD_TYPES)) {
    const value = declaration[dimension as keyof CatalogDeclaration] as Pointers | { absent: string };
    if (!isAbsent(value)) add(value, types, [dimension]);
  }
  for (const dimension of ['inputPrice', 'outputPrice', 'cachedInputPrice'] as const) {
    const value = declaration[dimension];
    if (isAbsent(value)) continue;
    value.forEach((price, i) => {
      const at = value.length > 1 ? [dimension, i] : [dimension];
      add(price.from, ['number', 'string'], [...at, 'from']);
      if (price.unitFrom) add(price.unitFrom.from, ['string'], [...at, 'unitFrom', 'from']);
    });
  }
  const sets: [string[], CatalogDeclaration['capabilities'] | undefined][] = [
    [['capabilities'], declaration.capabilities],
  ];
  if (!isAbsent(declaration.modalities)) {
    sets.push([['modalities', 'input'], declaration.modalities.input]);
    sets.push([['modalities', 'output'], declaration.modalities.output]);
  }
  for (const [at, set] of sets) {
    if (!set || isAbsent(set)) continue;
    if ('flags' in set) add(set.flags, ['object'], [...at, 'flags']);
    if ('list' in set) add(set.list, ['array'], [...at, 'list']);
    if ('each' in set)
      for (const [name, p] of Object.entries(set.each)) add(p, ['boolean'], [...at, 'each', name]);
  }
  if (!isAbsent(declaration.created)) {
    const format = declaration.created.format === 'unix-seconds' ? ['integer', 'number'] : ['string'];
    add(declaration.created.from, format, ['created', 'from']);
  }
  for (const [label, p] of Object.entries(declaration.extra)) add(p, [], ['extra', label]);
  return out;
}

/** Pointers that resolve to no property of the model schema, and pointers whose property has the wrong type. */
export function pointerProblems(doc: OpenApiDocument): CatalogProblem[] {
  let entry: ReturnType<typeof catalogDeclaration>;
  try {
    entry = catalogDeclaration(doc);
  } catch (error) {
    if (error instanceof SpecError) return []; // the shape problems are reported by declarationProblems
    throw error;
  }
  if (!entry) return [];
  const item = listItemSchema(doc, entry.operation, entry.items);
  if (!item.schema) {
    return [
      {
        pointer: toPointer([...pointerSegments(entry.operation.pointer), LIST_EXTENSION, 'items']),
        message: item.problem!,
      },
    ];
  }
  const problems: CatalogProblem[] = [];
  for (const { pointer, types, at } of declaredPointers(entry.declaration)) {
    const found = schemasAt(doc, item.schema, pointer);
    const where = catalogPointer(entry.operation, ...at);
    if (found.length === 0) {
      problems.push({ pointer: where, message: `"${pointer}" resolves to no property of the model schema` });
      continue;
    }
    const have = typesOf(found);
    if (
      types.length > 0 &&
      have.size > 0 &&
      !types.some((t) => have.has(t) || (t === 'number' && have.has('integer')))
    ) {
      problems.push({
        pointer: where,
        message: `"${pointer}" is ${[...have].join(' | ')} in the model schema; this dimension needs ${types.join(' or ')}`,
      });
    }
  }
  return problems;
}

/** Shape problems the reader reports (bad pointers, currencies, formats, unknown keys). */
export function declarationProblems(doc: OpenApiDocument): CatalogProblem[] {
  try {
    catalogDeclaration(doc);
    return [];
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return error.problems.map((line) => {
      const split = line.indexOf(': ');
      return { pointer: line.slice(0, split), message: line.slice(split + 2) };
    });
  }
}

/** The catalog declaration checks as one lint check. */
export function checkCatalog(doc: OpenApiDocument, locator?: SourceLocator): CheckResult {
  const at = (pointer: string) => (locator ? `${locator.locate(pointer)} ${pointer}` : pointer);
  const seen = new Set<string>();
  const problems = [
    ...missingDimensions(doc),
    ...unknownUnits(doc),
    ...declarationProblems(doc),
    ...pointerProblems(doc),
  ]
    .map(({ pointer, message }) => `${at(pointer)}: ${message}`)
    .filter((line) => !seen.has(line) && seen.add(line));
  return { name: 'catalog declaration (x-modelspecs-list.catalog)', problems };
}
