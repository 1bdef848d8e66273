// modelspecs/header-example-schema: a header's example matches the header's schema. Redocly's example rules check
// media types, parameters and schemas, not headers; the mocks send these values as they are.
import type { Oas3Rule } from '@redocly/openapi-core';
import type { OpenApiDocument } from '../openapi.js';
import { DocumentSchemas, describeErrors } from '../schema-validator.js';
import { guarded, isNode } from './rule.js';

export const headerExampleSchema: Oas3Rule = guarded('modelspecs/header-example-schema', () => {
  let root: unknown;
  let rootFile: string | undefined;
  let schemas: DocumentSchemas | undefined;
  return {
    Root(node, ctx) {
      root = node;
      rootFile = ctx.location.source.absoluteRef;
    },
    Header(header, ctx) {
      // Schemas are compiled from the root document: a header in another file of the spec is left to bundling.
      if (!isNode(header) || !isNode(header.schema) || ctx.location.source.absoluteRef !== rootFile) return;
      const values: [string, unknown][] = [];
      if ('example' in header) values.push(['example', header.example]);
      if (isNode(header.examples)) {
        for (const [name, example] of Object.entries(header.examples)) {
          const resolved = ctx.resolve(example as object).node;
          if (isNode(resolved) && 'value' in resolved)
            values.push([`examples/${name}/value`, resolved.value]);
        }
      }
      if (values.length === 0) return;
      schemas ??= new DocumentSchemas(root as OpenApiDocument);
      for (const [where, value] of values) {
        const errors = schemas.validate(`${ctx.location.pointer}/schema`, value);
        if (errors.length === 0) continue;
        ctx.report({
          message: `header "${String(ctx.key)}": example does not match its schema: ${describeErrors(errors).join('; ')}`,
          location: ctx.location.child(where.split('/')),
        });
      }
    },
  };
});
