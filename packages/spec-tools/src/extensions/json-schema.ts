// The type of the project's JSON Schemas as values: plain objects handed to Ajv and published for tools that
// validate `x-modelspecs-*` values themselves. Declared, not inferred, so that declarations are emitted file by file.

/** A JSON Schema (draft 2020-12) object. */
export type JsonSchema = { readonly [keyword: string]: unknown };
