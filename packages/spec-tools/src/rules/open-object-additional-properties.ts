// modelspecs/open-object-additional-properties: an object schema that lists no `properties` and says nothing of
// `additionalProperties` generates `Record<string, never>`, a type no value can have. The docs say how open such an
// object is; the spec must too.
import type { Oas3Rule } from '@redocly/openapi-core';
import { guarded, isNode } from './rule.js';

const COMPOSED = ['allOf', 'anyOf', 'oneOf', '$ref', 'patternProperties', 'unevaluatedProperties'];

export const openObjectAdditionalProperties: Oas3Rule = guarded(
  'modelspecs/open-object-additional-properties',
  () => ({
    Schema(schema, ctx) {
      if (!isNode(schema)) return;
      const isObject =
        schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object'));
      if (!isObject || 'properties' in schema || 'additionalProperties' in schema) return;
      if (COMPOSED.some((key) => key in schema)) return;
      ctx.report({
        message:
          'an object schema without "properties" must set "additionalProperties" (true, a schema, or false) as the docs describe it',
        location: ctx.location,
      });
    },
  }),
);
