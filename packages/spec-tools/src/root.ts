import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './errors.js';

const isWorkspaceRoot = (dir: string) =>
  existsSync(join(dir, 'pnpm-workspace.yaml')) && existsSync(join(dir, 'specs'));

function walkUp(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (isWorkspaceRoot(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The modelspecs workspace root: `MODELSPECS_ROOT` when set, else the first folder above the working
 * directory, else above this package, that holds `pnpm-workspace.yaml` and `specs/`.
 */
export function findRepoRoot(start: string = process.cwd()): string {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: an override for runs outside turbo. Kept out of turbo tasks on purpose (strict env mode), whose inputs are this workspace's files, not another checkout's.
  const fromEnv = process.env.MODELSPECS_ROOT;
  if (fromEnv) {
    if (!isWorkspaceRoot(fromEnv)) {
      throw new UsageError(
        `MODELSPECS_ROOT=${fromEnv} is not a modelspecs workspace (it needs pnpm-workspace.yaml and specs/).`,
      );
    }
    return resolve(fromEnv);
  }
  const found = walkUp(start) ?? walkUp(dirname(fileURLToPath(import.meta.url)));
  if (!found) {
    throw new UsageError(
      `No modelspecs workspace (a folder with pnpm-workspace.yaml and specs/) above ${start}. ` +
        'Run from inside the repository or set MODELSPECS_ROOT.',
    );
  }
  return found;
}

/** The root of the modelspecs repository itself: a workspace whose root package is named `modelspecs`. */
function isModelspecsCheckout(dir: string): boolean {
  if (!isWorkspaceRoot(dir)) return false;
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === 'modelspecs';
  } catch {
    return false;
  }
}

/**
 * The modelspecs checkout that `dir` (a tool's own package folder) lives in, or undefined when the tool is
 * installed: a folder under `node_modules` is an install even inside a checkout, and a workspace that is not
 * the modelspecs repository is someone else's.
 */
export function checkoutAround(dir: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return undefined;
  }
  if (real.split(sep).includes('node_modules')) return undefined;
  for (let current = real; ; ) {
    if (isModelspecsCheckout(current)) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}
