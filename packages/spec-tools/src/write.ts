import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface OutputFile {
  path: string;
  content: string;
}

/**
 * Writes every file whole or not at all: each goes to a temporary file beside its target first, and only when all
 * of them are written are they renamed into place. A failure removes the temporaries and leaves old files untouched.
 */
export function writeFilesAtomically(files: readonly OutputFile[]): void {
  const staged: { tmp: string; path: string }[] = [];
  try {
    for (const file of files) {
      mkdirSync(dirname(file.path), { recursive: true });
      const tmp = `${file.path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      staged.push({ tmp, path: file.path });
      writeFileSync(tmp, file.content);
    }
    for (const { tmp, path } of staged) renameSync(tmp, path);
  } catch (error) {
    for (const { tmp } of staged) rmSync(tmp, { force: true });
    throw error;
  }
}
