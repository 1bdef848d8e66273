import type { ErrorObject } from 'ajv/dist/2020.js';
import { pointersSchema } from './pointer.js';
import type { ExtensionName } from './schema.js';
import { validatorOf } from './validators.js';

/** One way an extension's value breaks its schema: where inside the value (a plain pointer), and how. */
export interface ExtensionViolation {
  pointer: string;
  message: string;
}

function describe(errors: readonly ErrorObject[]): ExtensionViolation[] {
  // A pointer-or-list that is neither fails both branches of its oneOf: report the oneOf once, not its branches.
  const alternatives = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath);
  const within = (path: string, outer: string) => path === outer || path.startsWith(`${outer}/`);
  return errors
    .filter((e) => e.keyword === 'oneOf' || !alternatives.some((outer) => within(e.instancePath, outer)))
    .map((e) => ({
      pointer: e.instancePath,
      message:
        e.keyword === 'oneOf'
          ? e.parentSchema === pointersSchema
            ? 'must be a JSON pointer ("" or /a/b, with ~ written ~0 and / written ~1) or a non-empty list of them'
            : 'matches none of its documented forms'
          : e.keyword === 'additionalProperties'
            ? `has an unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"`
            : (e.message ?? e.keyword),
    }));
}

/** The ways `value` breaks the schema of the extension `name` (empty when it matches). */
export function extensionViolations(name: ExtensionName, value: unknown): ExtensionViolation[] {
  const validate = validatorOf(name);
  return validate(value) ? [] : describe(validate.errors ?? []);
}
