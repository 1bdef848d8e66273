import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from './openapi.js';
import { asJsonSchemaDialect } from './openapi30.js';
import { escapeSegment, pointerSegments } from './pointer.js';

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/** The document's key inside Ajv; subschemas are fetched as `<key>#/pointer`. */
const DOC_KEY = 'openapi-document';

/**
 * A JSON Schema 2020-12 validator (Ajv) over one bundled OpenAPI document (3.0 schemas converted first): any schema inside the document
 * can be fetched by its JSON pointer, and its internal `$ref`s resolve against the whole document.
 */
export class DocumentSchemas {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    // strict: false because OpenAPI adds keywords JSON Schema does not know (discriminator, xml, externalDocs, x-*).
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, validateFormats: true });
    addFormats.default(this.ajv);
    // OpenAPI's own format registry.
    this.ajv.addFormat('int32', {
      type: 'number',
      validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max,
    });
    this.ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    this.ajv.addFormat('float', { type: 'number', validate: () => true });
    this.ajv.addFormat('double', { type: 'number', validate: () => true });
    this.ajv.addFormat('password', true);
    this.ajv.addSchema(structuredClone(asJsonSchemaDialect(doc)) as object, DOC_KEY);
  }

  /** The compiled validator of the schema at `pointer` (`#/components/schemas/Model`). */
  validator(pointer: string): ValidateFunction {
    let fn = this.cache.get(pointer);
    if (!fn) {
      const fragment = pointerSegments(pointer)
        .map((s) => `/${encodeURIComponent(escapeSegment(s))}`)
        .join('');
      const found = this.ajv.getSchema(`${DOC_KEY}#${fragment}`);
      if (!found) throw new Error(`No schema at ${pointer}`);
      fn = found;
      this.cache.set(pointer, fn);
    }
    return fn;
  }

  /** Validates `value` against the schema at `pointer`; returns the violations (empty when valid). */
  validate(pointer: string, value: unknown): ErrorObject[] {
    const fn = this.validator(pointer);
    return fn(value) ? [] : [...(fn.errors ?? [])];
  }
}

/** One line per Ajv error: `/data/0/created must be integer`. */
export function describeErrors(errors: readonly ErrorObject[]): string[] {
  return errors.map((e) => {
    const at = e.instancePath === '' ? '(root)' : e.instancePath;
    const extra =
      e.keyword === 'additionalProperties'
        ? ` ("${(e.params as { additionalProperty: string }).additionalProperty}")`
        : e.keyword === 'enum'
          ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')})`
          : '';
    return `${at} ${e.message ?? e.keyword}${extra}`;
  });
}
