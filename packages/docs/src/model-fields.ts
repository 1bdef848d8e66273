/**
 * What a vendor's model object exposes (context length, max output, pricing, capabilities), read from the model
 * schema of its spec. The vendors name these fields differently, so this is a set of small, explicit heuristics on
 * property names and descriptions; every answer names the field path, and a dimension no field matches is reported
 * as not exposed rather than guessed.
 */
import {
  deref,
  type JsonSchema,
  type Located,
  listDeclarations,
  listItemSchemas,
  type OpenApiDocument,
  type OperationEntry,
  successJsonSchemas,
} from '@modelspecs/spec-tools';

/** One field of the model object that answers a dimension. */
export interface ModelField {
  /** Dotted path inside one model object, e.g. `architecture.context_length`. */
  path: string;
  /** The unit the field's description documents ("tokens", "USD per token"), when it documents one. */
  unit?: string;
  /** For pricing fields: the currency the description names, or "not stated". */
  currency?: string;
  /** For capability groups: the flags or values inside, e.g. `function_calling`, `streaming`. */
  members?: string[];
  description?: string;
  /** The operations whose model schema has this field (a subset when list and get items differ). */
  operations: string[];
}

/** Where a model schema was found: the items of a list operation or the body of a get-one operation. */
export interface ModelSchemaSource {
  operationId: string;
  method: string;
  path: string;
  role: 'list' | 'get';
  /** `#/components/schemas/Model`, or the response's pointer when the schema is inline. */
  schema: string;
}

export interface ModelDimensions {
  sources: ModelSchemaSource[];
  contextLength: ModelField[];
  maxOutput: ModelField[];
  pricing: ModelField[];
  capabilities: ModelField[];
}

const CONTEXT_LENGTH =
  /^(context_length|context_window|contextlength|contextwindow|max_context_length|max_input_tokens|input_token_limit)$/i;
const MAX_OUTPUT =
  /^(max_completion_tokens|max_output_tokens|maxoutputtokens|maxcompletiontokens|max_tokens|output_token_limit)$/i;
const PRICING_GROUP = /^(pricing|prices?|costs?|rates?)$/i;
const PRICING_FIELD = /(^|_)(cost|price|pricing)(_|$)|^(cost|price)[A-Z]/;
const CAPABILITY_GROUP = /^(capabilities|features)$/i;
const CAPABILITY_LIST = /^(supported_features|supportedfeatures|capabilities|features|modalities)$/i;
const MODALITY = /modalit/i;
const CAPABILITY_FLAG = /^(supports?_|supports?[A-Z])/;
const MAX_DEPTH = 3;

interface Property {
  name: string;
  schema: JsonSchema;
  description?: string;
}

type Doc = OpenApiDocument;

function resolve(doc: Doc, schema: unknown): JsonSchema {
  return schema && typeof schema === 'object' ? deref<JsonSchema>(doc, schema as JsonSchema) : {};
}

/** The branches a schema is made of (itself, and its allOf/oneOf/anyOf members, resolved). */
function branches(doc: Doc, schema: JsonSchema, seen = new Set<JsonSchema>()): JsonSchema[] {
  const resolved = resolve(doc, schema);
  if (seen.has(resolved)) return [];
  seen.add(resolved);
  const parts = [resolved];
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    const list = resolved[key];
    if (Array.isArray(list)) for (const item of list) parts.push(...branches(doc, item as JsonSchema, seen));
  }
  return parts;
}

function types(doc: Doc, schema: JsonSchema): Set<string> {
  const found = new Set<string>();
  for (const part of branches(doc, schema)) {
    const type = part.type;
    for (const t of Array.isArray(type) ? type : type ? [type] : []) found.add(String(t));
    if (part.properties) found.add('object');
  }
  return found;
}

function properties(doc: Doc, schema: JsonSchema): Property[] {
  const byName = new Map<string, Property>();
  for (const part of branches(doc, schema)) {
    const props = part.properties;
    if (!props || typeof props !== 'object') continue;
    for (const [name, raw] of Object.entries(props as Record<string, JsonSchema>)) {
      if (byName.has(name)) continue;
      // A description next to a $ref (allowed in 3.1) describes the use; the target's describes the type.
      const own = typeof raw.description === 'string' ? raw.description : undefined;
      const target = resolve(doc, raw).description;
      byName.set(name, {
        name,
        schema: raw,
        description: own ?? (typeof target === 'string' ? target : undefined),
      });
    }
  }
  return [...byName.values()];
}

function isObjectSchema(doc: Doc, schema: JsonSchema): boolean {
  return types(doc, schema).has('object');
}

function arrayItems(doc: Doc, schema: JsonSchema): JsonSchema | undefined {
  for (const part of branches(doc, schema)) {
    if (part.items && typeof part.items === 'object') return part.items as JsonSchema;
  }
  return undefined;
}

/** The body of a get operation: its first 2xx JSON schema. */
function getBodySchema(doc: Doc, entry: OperationEntry): Located<JsonSchema> | undefined {
  return successJsonSchemas(doc, entry)[0];
}

/**
 * The model schemas of a spec, as its `x-modelspecs-list` declarations name them: the items of each declared list
 * operation and the body of the operation it declares as the get of one item.
 */
export function findModelSchemas(doc: Doc): (ModelSchemaSource & { raw: JsonSchema })[] {
  const found: (ModelSchemaSource & { raw: JsonSchema })[] = [];
  const add = (
    entry: OperationEntry,
    role: ModelSchemaSource['role'],
    model: Located<JsonSchema> | undefined,
  ) => {
    if (!model || !isObjectSchema(doc, model.value)) return;
    found.push({
      operationId: entry.operation.operationId ?? `${entry.method.toUpperCase()} ${entry.path}`,
      method: entry.method.toUpperCase(),
      path: entry.path,
      role,
      schema: model.pointer,
      raw: model.value,
    });
  };
  for (const declaration of listDeclarations(doc)) {
    add(declaration.operation, 'list', listItemSchemas(doc, declaration)[0]);
    if (declaration.get) add(declaration.get.operation, 'get', getBodySchema(doc, declaration.get.operation));
  }
  return found;
}

const CURRENCY_NOT_STATED =
  /currency (is )?(undocumented|not (stated|given|documented)|unknown)|no currency|names no currency|(not|never) (re)?states? the currency/i;

/**
 * The currency a pricing description names: "USD", "credits", "micro-credits", "not stated" when it says the
 * currency is undocumented, or undefined when it does not mention one.
 */
export function currencyOf(description: string | undefined): string | undefined {
  const text = description ?? '';
  if (CURRENCY_NOT_STATED.test(text)) return 'not stated';
  if (/micro-?credits?/i.test(text)) return 'micro-credits';
  const credits = /\bcredits?\b/i.test(text);
  if (credits) {
    const rate = /1 credit\s*=\s*([\d.,]+)\s*(USD|US dollars?)/i.exec(text);
    return rate ? `credits (1 credit = ${rate[1]} USD)` : 'credits';
  }
  if (/\bUSD\b|US dollars?|\$\d/.test(text)) return 'USD';
  return undefined;
}

const RATE =
  /(?:\b(USD|US dollars?|micro-credits?|credits?|cost units?)\s+)?\bper\s+((?:1k|1K|1,000|1000|thousand|1M|1m|million|1,000,000)\b\s*(?:\([^)]*\)\s*)?)?(?:[a-z-]+\s+)?(tokens?|units?|hours?|seconds?|minutes?|images?|requests?|credits?)\b(\s*\(see `[^`]+`\))?/gi;

/** The rate a pricing description documents, e.g. "USD per token" or "credits per 1k (1,000) input tokens". */
export function rateOf(description: string | undefined): string | undefined {
  const matches = [...(description ?? '').matchAll(RATE)];
  const best = matches.find((m) => m[1]) ?? matches[0];
  return best?.[0].replace(/\s+/g, ' ').trim();
}

function tokenUnit(description: string | undefined): string | undefined {
  return description && /\btokens?\b/i.test(description) ? 'tokens' : undefined;
}

function capabilityMembers(doc: Doc, schema: JsonSchema): string[] {
  const props = properties(doc, schema).map((p) => p.name);
  if (props.length > 0) return props;
  const items = arrayItems(doc, schema);
  const values = items ? branches(doc, items).flatMap((b) => (Array.isArray(b.enum) ? b.enum : [])) : [];
  const examples = branches(doc, schema).flatMap((b) =>
    Array.isArray(b.examples) ? b.examples.flat() : Array.isArray(b.example) ? b.example : [],
  );
  return [...new Set([...values, ...examples].map(String))];
}

interface Collected {
  contextLength: Omit<ModelField, 'operations'>[];
  maxOutput: Omit<ModelField, 'operations'>[];
  pricing: Omit<ModelField, 'operations'>[];
  capabilities: Omit<ModelField, 'operations'>[];
}

function collect(
  doc: Doc,
  schema: JsonSchema,
  prefix: string,
  depth: number,
  out: Collected,
  pricingContext?: string,
): void {
  for (const prop of properties(doc, schema)) {
    const path = prefix ? `${prefix}.${prop.name}` : prop.name;
    const propTypes = types(doc, prop.schema);
    const isObject = propTypes.has('object');
    const isLeaf = !isObject && !propTypes.has('array');
    if (pricingContext !== undefined) {
      if (isObject && depth < MAX_DEPTH) {
        collect(doc, prop.schema, path, depth + 1, out, `${prop.description ?? ''} ${pricingContext}`);
      } else if (isLeaf) {
        const describesUnit = /^(unit|currency)$/i.test(prop.name);
        const example = branches(doc, prop.schema).find((b) => Array.isArray(b.examples))?.examples as
          | unknown[]
          | undefined;
        out.pricing.push({
          path,
          unit: describesUnit
            ? `names the ${prop.name.toLowerCase()}${example?.[0] !== undefined ? `, e.g. ${String(example[0])}` : ''}`
            : (rateOf(prop.description) ?? rateOf(pricingContext)),
          currency: describesUnit
            ? undefined
            : (currencyOf(prop.description) ?? currencyOf(pricingContext) ?? 'not stated'),
          description: prop.description,
        });
      }
      continue;
    }
    if (CONTEXT_LENGTH.test(prop.name) && isLeaf) {
      out.contextLength.push({ path, unit: tokenUnit(prop.description), description: prop.description });
    } else if (MAX_OUTPUT.test(prop.name) && isLeaf) {
      out.maxOutput.push({ path, unit: tokenUnit(prop.description), description: prop.description });
    } else if (PRICING_GROUP.test(prop.name) && isObject) {
      collect(doc, prop.schema, path, depth + 1, out, prop.description ?? '');
    } else if (PRICING_FIELD.test(prop.name) && isLeaf) {
      out.pricing.push({
        path,
        unit: rateOf(prop.description),
        currency: currencyOf(prop.description) ?? 'not stated',
        description: prop.description,
      });
    } else if (
      (CAPABILITY_GROUP.test(prop.name) && isObject) ||
      (CAPABILITY_LIST.test(prop.name) && propTypes.has('array')) ||
      (MODALITY.test(prop.name) && !isLeaf)
    ) {
      out.capabilities.push({
        path,
        members: capabilityMembers(doc, prop.schema),
        description: prop.description,
      });
    } else if (CAPABILITY_FLAG.test(prop.name) && propTypes.has('boolean')) {
      out.capabilities.push({ path, description: prop.description });
    } else if (isObject && depth < MAX_DEPTH) {
      collect(doc, prop.schema, path, depth + 1, out);
    }
  }
}

function merge(perSource: { operationId: string; fields: Omit<ModelField, 'operations'>[] }[]): ModelField[] {
  const byPath = new Map<string, ModelField>();
  for (const { operationId, fields } of perSource) {
    for (const field of fields) {
      const existing = byPath.get(field.path);
      if (existing) {
        if (!existing.operations.includes(operationId)) existing.operations.push(operationId);
      } else {
        byPath.set(field.path, { ...field, operations: [operationId] });
      }
    }
  }
  return [...byPath.values()];
}

/** Reads the model dimensions of a bundled spec. Pure: the same document always gives the same answer. */
export function modelDimensions(doc: OpenApiDocument): ModelDimensions {
  const schemas = findModelSchemas(doc);
  const collected = schemas.map((source) => {
    const out: Collected = { contextLength: [], maxOutput: [], pricing: [], capabilities: [] };
    collect(doc, source.raw, '', 1, out);
    return { operationId: source.operationId, out };
  });
  const dimension = (key: keyof Collected) =>
    merge(collected.map(({ operationId, out }) => ({ operationId, fields: out[key] })));
  return {
    sources: schemas.map(({ raw: _raw, ...source }) => source),
    contextLength: dimension('contextLength'),
    maxOutput: dimension('maxOutput'),
    pricing: dimension('pricing'),
    capabilities: dimension('capabilities'),
  };
}
