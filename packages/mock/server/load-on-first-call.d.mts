/** See load-on-first-call.mjs. */
export function loadOnFirstCall(
  requireFrom: NodeJS.Require,
  specifier: string,
  names: readonly string[],
): void;
export function fillRequireCache(file: string, exports: unknown): NodeJS.Module;
