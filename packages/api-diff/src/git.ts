import { execFileSync } from 'node:child_process';
import { UsageError } from '@modelspecs/spec-tools';

function git(root: string, args: string[], input?: string): Buffer {
  return execFileSync('git', args, {
    cwd: root,
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(input === undefined ? {} : { input }),
  });
}

/** The commit a `--from` ref names; anything else (an option, an unknown ref) is a usage error naming the flag. */
export function resolveRef(root: string, ref: string): string {
  if (ref.startsWith('-') || ref.trim() === '') throw new UsageError(`--from: "${ref}" is not a git ref`);
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])
      .toString()
      .trim();
  } catch {
    throw new UsageError(
      `--from: "${ref}" is not a commit of this repository (try a branch, a tag or a commit id)`,
    );
  }
}

/** The files under `folder` at `commit`, as relative path -> content; empty when the folder did not exist. */
export function filesAt(root: string, commit: string, folder: string): Map<string, Buffer> {
  const names = git(root, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit, '--', folder])
    .toString()
    .split('\0')
    .filter(Boolean);
  return new Map(names.map((name) => [name, git(root, ['cat-file', 'blob', `${commit}:${name}`])]));
}

/** One file at `commit`, or undefined when it did not exist there. */
export function fileAt(root: string, commit: string, path: string): string | undefined {
  return filesAt(root, commit, path).get(path)?.toString('utf8');
}
