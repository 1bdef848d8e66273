// Where a mock's spec file lives while its Prism process runs, and how folders left by killed processes go away.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'modelspecs-mock-';
/** `modelspecs-mock-<owner pid>-<slug>-<random>` */
const OWNED = /^modelspecs-mock-(\d+)-/;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A new folder in the system temporary folder for one mock of this process, named after this process's pid.
 * Normally removed when the mock stops (by this process, or by the watchdog preload in Prism when this process
 * dies); when both are killed at once, `sweepAbandonedScratch` removes it on a later start.
 */
export function mockScratchDir(slug: string): string {
  return mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-${slug}-`));
}

/**
 * Removes the mock folders in the system temporary folder whose owner process no longer runs; returns their paths.
 * Folders of running processes, and those another user owns, are left alone.
 */
export function sweepAbandonedScratch(folder: string = tmpdir()): string[] {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const owner = Number(OWNED.exec(entry)?.[1]);
    if (!owner || owner === process.pid || isAlive(owner)) continue;
    try {
      rmSync(join(folder, entry), { recursive: true, force: true });
      removed.push(join(folder, entry));
    } catch {
      // Not ours to remove.
    }
  }
  return removed;
}
