import { UsageError } from './errors.js';

/** 2 for a usage error (a UsageError, or a flag node:util's parseArgs rejected), 1 for any other failure. */
export function exitCodeFor(error: unknown): 1 | 2 {
  const code = (error as { code?: unknown } | undefined)?.code;
  return error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
    ? 2
    : 1;
}

// Errors of the language itself mean a bug in the tool: their stack is what a bug report needs.
const PROGRAMMING_ERRORS = [TypeError, ReferenceError, RangeError, SyntaxError];

/**
 * Runs a command-line tool's `main` and sets the exit code: main's own result, 2 for a usage error, 1 for any other
 * failure. A failure prints as `<name>: <message>` (the stack too for a programming error), and a usage error adds
 * `usageHint` when given.
 */
export function runMain(name: string, main: () => Promise<number>, usageHint?: string): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const code = exitCodeFor(error);
      const bug = code !== 2 && PROGRAMMING_ERRORS.some((type) => error instanceof type);
      console.error(
        `${name}: ${bug ? (error as Error).stack : ((error as Error)?.message ?? String(error))}`,
      );
      if (code === 2 && usageHint) console.error(usageHint);
      process.exitCode = code;
    },
  );
}
