import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../src/openapi.js';
import { asJsonSchemaDialect } from '../src/openapi30.js';
import { DocumentSchemas } from '../src/schema-validator.js';

const doc = (openapi: string) =>
  ({
    openapi,
    info: { title: 't', version: '1' },
    paths: {},
    components: {
      schemas: {
        Price: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: false },
        Name: { type: 'string', nullable: true, enum: ['a', 'b'] },
        Owner: { allOf: [{ $ref: '#/components/schemas/Name' }], nullable: true },
        Example: { type: 'object', example: { nullable: true } },
      },
    },
  }) as unknown as OpenApiDocument;

describe('OpenAPI 3.0 schemas in the validator', () => {
  const schemas = new DocumentSchemas(doc('3.0.3'));

  it('turns boolean exclusive bounds into numeric ones', () => {
    expect(schemas.validate('#/components/schemas/Price', 0)).not.toEqual([]);
    expect(schemas.validate('#/components/schemas/Price', 0.5)).toEqual([]);
    expect(schemas.validate('#/components/schemas/Price', 10)).toEqual([]);
    expect(schemas.validate('#/components/schemas/Price', 11)).not.toEqual([]);
  });

  it('accepts null where nullable says so, and nothing else new', () => {
    expect(schemas.validate('#/components/schemas/Name', null)).toEqual([]);
    expect(schemas.validate('#/components/schemas/Name', 'c')).not.toEqual([]);
    expect(schemas.validate('#/components/schemas/Owner', null)).toEqual([]);
    expect(schemas.validate('#/components/schemas/Owner', 3)).not.toEqual([]);
  });

  it('leaves examples and 3.1 documents alone', () => {
    expect(asJsonSchemaDialect(doc('3.0.3')).components?.schemas?.Example).toEqual({
      type: 'object',
      example: { nullable: true },
    });
    const v31 = doc('3.1.0');
    expect(asJsonSchemaDialect(v31)).toBe(v31);
  });
});
