// `x-modelspecs-error`, on the error envelope schema (`components.schemas.Error`): where the message and the code
// are in an error body, and the response header that carries a request id where the vendor documents one.

export const errorSchema = {
  type: 'object',
  description: "Declares the vendor's error envelope: pointers into an error body.",
  required: ['message'],
  additionalProperties: false,
  properties: {
    message: { $ref: '#/$defs/pointers', description: 'The human-readable message.' },
    code: {
      $ref: '#/$defs/pointers',
      description: 'The machine-readable code; omitted when the vendor sends none.',
    },
    requestIdHeader: {
      type: 'string',
      pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$",
      description: 'The response header that carries a request id, only where the vendor documents one.',
    },
  },
} as const;
