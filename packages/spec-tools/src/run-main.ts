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

/** Where a command-line tool writes: its process's standard output and error, or (run in-process) strings. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The process's own standard output and error. */
export const processOutput: CliOutput = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/**
 * Runs a command-line tool's `main` and returns its exit code: main's own result, 2 for a usage error, 1 for any
 * other failure. A failure prints as `<name>: <message>` (the stack too for a programming error), and a usage error
 * adds `usageHint` when given.
 */
export async function settleMain(
  name: string,
  main: () => Promise<number>,
  usageHint?: string,
  output: CliOutput = processOutput,
): Promise<number> {
  try {
    return await main();
  } catch (error) {
    const code = exitCodeFor(error);
    const bug = code !== 2 && PROGRAMMING_ERRORS.some((type) => error instanceof type);
    output.stderr(
      `${name}: ${bug ? (error as Error).stack : ((error as Error)?.message ?? String(error))}\n`,
    );
    if (code === 2 && usageHint) output.stderr(`${usageHint}\n`);
    return code;
  }
}

/** Runs a command-line tool's `main` (see settleMain) and sets the process's exit code. */
export function runMain(name: string, main: () => Promise<number>, usageHint?: string): void {
  void settleMain(name, main, usageHint).then((code) => {
    process.exitCode = code;
  });
}

/** A tool's main that writes through `output` (its bin passes processOutput). */
export type CliMain = (argv: string[], output: CliOutput) => Promise<number>;

/** What a tool's main run in-process printed, and the exit code its process would have had. */
export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a tool's main in this process as its bin runs it in a process of its own: in `cwd`, with `env` over
 * `process.env` (undefined removes a variable), its output collected, its failure printed and mapped to an exit
 * code as runMain does. For tests of a tool's commands that are not about the process itself (they then load the
 * tool once, not once a command). One at a time: the working directory and environment are the process's, and are
 * restored when the run ends; a worker thread cannot change them (process.chdir throws there).
 */
export async function runMainInProcess(
  name: string,
  main: CliMain,
  argv: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; usageHint?: string } = {},
): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const output: CliOutput = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  };
  const cwd = process.cwd();
  const saved = Object.entries(options.env ?? {}).map(([key]) => [key, process.env[key]] as const);
  const setEnv = (entries: readonly (readonly [string, string | undefined])[]) => {
    for (const [key, value] of entries) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  try {
    if (options.cwd) process.chdir(options.cwd);
    setEnv(Object.entries(options.env ?? {}));
    const code = await settleMain(name, () => main(argv, output), options.usageHint, output);
    return { code, stdout, stderr };
  } finally {
    setEnv(saved);
    process.chdir(cwd);
  }
}
