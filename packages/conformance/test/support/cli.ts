import { vi } from 'vitest';
import { type CliIo, runCli } from '../../src/index.js';
import { fixtureRoot } from './specs.js';

/**
 * Runs the CLI in-process and captures what it prints. Its vendors are the fixture vendors (MODELSPECS_ROOT, until
 * the test ends), not the checkout's specs.
 */
export async function captureCli(
  argv: string[],
  env: CliIo['env'] = {},
  cwd: string = process.cwd(),
): Promise<{ code: number; stdout: string; stderr: string }> {
  vi.stubEnv('MODELSPECS_ROOT', fixtureRoot);
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
