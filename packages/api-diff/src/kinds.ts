/** How far a change reaches, weakest first. */
export const LEVELS = ['none', 'docs', 'changed', 'added', 'breaking'] as const;
export type Level = (typeof LEVELS)[number];
export type ChangeKind = Exclude<Level, 'none'>;
export type Bump = 'major' | 'minor' | 'patch';

/** The version bump a level requires (`none` requires nothing). */
export const BUMP_FOR: Record<Level, Bump | undefined> = {
  none: undefined,
  docs: 'patch',
  changed: 'minor',
  added: 'minor',
  breaking: 'major',
};

const BUMP_ORDER: readonly (Bump | 'none')[] = ['none', 'patch', 'minor', 'major'];

export function maxLevel(levels: Iterable<Level>): Level {
  let best: Level = 'none';
  for (const level of levels) if (LEVELS.indexOf(level) > LEVELS.indexOf(best)) best = level;
  return best;
}

/** True when `given` is at least `needed`. */
export function bumpCovers(given: Bump | 'none' | undefined, needed: Bump | undefined): boolean {
  if (!needed) return true;
  return BUMP_ORDER.indexOf(given ?? 'none') >= BUMP_ORDER.indexOf(needed);
}

/** One classified change of a spec or of a client's public types. */
export interface ApiChange {
  readonly kind: ChangeKind;
  /** `GET /models/{id}`, or undefined for a document-wide change (servers, info). */
  readonly operation?: string;
  /** JSON pointer into the spec (or the line of the API report) the change is at. */
  readonly location: string;
  /** What changed, in a sentence. */
  readonly what: string;
  /** Which check found it: Optic's breaking-changes ruleset, one of the two checks beside it, the spec diff, or the API report. */
  readonly source: 'optic' | 'servers' | 'security' | 'diff' | 'api-report';
}

export const KIND_TITLES: Record<ChangeKind, string> = {
  breaking: 'Breaking',
  added: 'Added',
  changed: 'Changed',
  docs: 'Docs',
};
