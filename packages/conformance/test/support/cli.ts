import { type CliIo, runCli } from '../../src/index.js';

/** Runs the CLI in-process and captures what it prints. */
export async function captureCli(
  argv: string[],
  env: CliIo['env'] = {},
  cwd: string = process.cwd(),
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env,
    cwd,
  });
  return { code, stdout, stderr };
}
