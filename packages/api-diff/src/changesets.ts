import getChangesets from '@changesets/read';
import type { Bump } from './kinds.js';

const ORDER: readonly Bump[] = ['patch', 'minor', 'major'];

/** The highest bump each package gets from the pending changesets in `.changeset/`, and the files that give it. */
export async function pendingBumps(root: string): Promise<Map<string, { bump: Bump; files: string[] }>> {
  const bumps = new Map<string, { bump: Bump; files: string[] }>();
  for (const changeset of await getChangesets(root)) {
    for (const release of changeset.releases) {
      if (release.type === 'none') continue;
      const seen = bumps.get(release.name);
      const bump = seen && ORDER.indexOf(seen.bump) > ORDER.indexOf(release.type) ? seen.bump : release.type;
      bumps.set(release.name, { bump, files: [...(seen?.files ?? []), `.changeset/${changeset.id}.md`] });
    }
  }
  return bumps;
}
