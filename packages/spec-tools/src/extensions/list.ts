// `x-modelspecs-list`, on a list operation: where the items are in its 2xx JSON body, which item property is the
// id, and which operation gets one item. Paging and the catalog dimensions are parts of the same declaration,
// each in its own file (see schema.ts).

export const listSchema = {
  type: 'object',
  description: 'Declares a list operation: where its items are, their id, and the operation that gets one.',
  required: ['items', 'id'],
  additionalProperties: false,
  properties: {
    items: {
      $ref: '#/$defs/pointers',
      description: 'Where the items are in the JSON body of the 2xx answer ("" = the body is the array).',
    },
    id: {
      $ref: '#/$defs/pointers',
      description: 'Which property of one item is its id (pointer into the item).',
    },
    get: {
      type: 'object',
      description: 'The operation that gets one item; omitted when the vendor has none.',
      required: ['operationId', 'parameter'],
      additionalProperties: false,
      properties: {
        operationId: { type: 'string', minLength: 1 },
        parameter: { type: 'string', minLength: 1, description: 'The path parameter the id fills.' },
      },
    },
    paging: { $ref: '#/$defs/paging' },
    catalog: { $ref: '#/$defs/catalog' },
  },
} as const;
