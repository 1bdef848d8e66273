// The one JSON Schema of the project's `x-modelspecs-*` extensions, composed from one file per part. Each part is a
// `$defs` entry; parts refer to each other as `#/$defs/<part>`.
//
// Adding a part of `x-modelspecs-list` (paging, catalog): write `extensions/<part>.ts` exporting its schema (it may
// use `#/$defs/pointer` and `#/$defs/pointers`), import it here and put it in place of `true` below. `true` accepts
// any value until the part's own schema is added. A new extension is a new `$defs` entry plus its name in
// `EXTENSION_DEFS`.

import { catalogSchema } from './catalog.js';
import { errorSchema } from './error.js';
import type { JsonSchema } from './json-schema.js';
import { listSchema } from './list.js';
import { pagingSchema } from './paging.js';
import { pointerSchema, pointersSchema } from './pointer.js';

export const EXTENSIONS_SCHEMA_ID = 'https://modelspecs.dev/schemas/x-modelspecs.json';

export const extensionsSchema: JsonSchema & { readonly $defs: Readonly<Record<string, JsonSchema>> } = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: EXTENSIONS_SCHEMA_ID,
  title: "modelspecs' x-modelspecs-* OpenAPI extensions",
  $defs: {
    pointer: pointerSchema,
    pointers: pointersSchema,
    list: listSchema,
    paging: pagingSchema,
    catalog: catalogSchema,
    error: errorSchema,
  },
};

/** Each extension's name and the `$defs` entry its value must match. */
export const EXTENSION_DEFS = {
  'x-modelspecs-list': 'list',
  'x-modelspecs-error': 'error',
} as const;

export type ExtensionName = keyof typeof EXTENSION_DEFS;
