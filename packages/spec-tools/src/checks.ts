import { Validator } from '@seriousme/openapi-schema-validator';
import type { OpenApiDocument } from './openapi.js';

export interface CheckResult {
  name: string;
  problems: string[];
  /** Tool output worth showing as is. */
  output?: string;
}

/** A second, independent validation of the whole document against the OpenAPI 3.1 schema. */
export async function schemaValidate(doc: OpenApiDocument): Promise<CheckResult> {
  const validator = new Validator();
  const result = await validator.validate(
    structuredClone(doc) as unknown as Parameters<Validator['validate']>[0],
  );
  const errors = result.valid ? [] : Array.isArray(result.errors) ? result.errors : [result.errors];
  return {
    name: 'OpenAPI 3.1 schema (@seriousme/openapi-schema-validator)',
    problems: errors.map((e) =>
      typeof e === 'string'
        ? e
        : `#${(e as { instancePath?: string }).instancePath ?? ''}: ${(e as { message?: string }).message ?? JSON.stringify(e)}`,
    ),
  };
}
