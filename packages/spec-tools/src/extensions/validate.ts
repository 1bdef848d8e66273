import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { EXTENSION_DEFS, EXTENSIONS_SCHEMA_ID, type ExtensionName, extensionsSchema } from './schema.js';

/** One way an extension's value breaks its schema: where inside the value (a plain pointer), and how. */
export interface ExtensionViolation {
  pointer: string;
  message: string;
}

let validators: Map<ExtensionName, ValidateFunction> | undefined;

function validatorOf(name: ExtensionName): ValidateFunction {
  if (!validators) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    ajv.addSchema(extensionsSchema);
    validators = new Map(
      Object.entries(EXTENSION_DEFS).map(([extension, def]) => [
        extension as ExtensionName,
        ajv.getSchema(`${EXTENSIONS_SCHEMA_ID}#/$defs/${def}`)!,
      ]),
    );
  }
  return validators.get(name)!;
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
          ? 'must be a JSON pointer ("" or /a/b, with ~ written ~0 and / written ~1) or a non-empty list of them'
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
