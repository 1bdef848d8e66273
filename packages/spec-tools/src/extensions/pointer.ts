// A pointer into a JSON value (RFC 6901; "" is the whole value), or a list of them: alternatives tried in order,
// the first present wins.

/** One RFC 6901 pointer: `""` or `/segment/...`, where `~` only appears as `~0` or `~1`. */
export const pointerSchema = {
  type: 'string',
  pattern: '^(/([^~/]|~[01])*)*$',
  description: 'An RFC 6901 JSON pointer into a value ("" is the whole value), e.g. /data or /error/message.',
} as const;

/** A pointer or a non-empty list of alternative pointers. */
export const pointersSchema = {
  oneOf: [
    { $ref: '#/$defs/pointer' },
    { type: 'array', items: { $ref: '#/$defs/pointer' }, minItems: 1, uniqueItems: true },
  ],
} as const;
