/** See load-on-first-call.mjs. */
export function loadOnFirstCall(
  requireFrom: NodeJS.Require,
  specifier: string,
  names: readonly string[],
): void;
