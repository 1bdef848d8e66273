import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Vendor, writeFilesAtomically } from '@modelspecs/spec-tools';
import type { ApiChange, Level } from './kinds.js';

/** One release of a spec, as the release step recorded it: the version and its classified changes. */
export interface ReleasedChanges {
  readonly version: string;
  readonly date: string;
  readonly level: Level;
  readonly changes: readonly ApiChange[];
}

/** `specs/<slug>/released/changes.json`: every release's API changes, newest first. */
export const historyFile = (vendor: Vendor): string => join(vendor.dir, 'released', 'changes.json');

export function readHistory(vendor: Vendor): ReleasedChanges[] {
  const file = historyFile(vendor);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ReleasedChanges[]) : [];
}

export function appendHistory(vendor: Vendor, entry: ReleasedChanges): void {
  const history = [entry, ...readHistory(vendor).filter((e) => e.version !== entry.version)];
  writeFilesAtomically([{ path: historyFile(vendor), content: `${JSON.stringify(history, null, 2)}\n` }]);
}
