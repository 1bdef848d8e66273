// The compiled validators of the x-modelspecs extensions: compiling them takes about 200 ms, so it happens on first
// use and once per process. This module holds that state and nothing else, apart from validate.ts (which turns a
// validator's errors into violations): the mutation scope takes validate.ts and leaves this module out, since a
// validator compiled while one mutant was on would still answer while the next one is (see CONTRIBUTING).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { EXTENSION_DEFS, EXTENSIONS_SCHEMA_ID, type ExtensionName, extensionsSchema } from './schema.js';

let validators: Map<ExtensionName, ValidateFunction> | undefined;

/** The validator of one extension's value, with every error (`allErrors`) and the schema of each (`verbose`). */
export function validatorOf(name: ExtensionName): ValidateFunction {
  if (!validators) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
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
