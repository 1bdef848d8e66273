import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Vendor } from '@modelspecs/spec-tools';
import { baselineReport, clientDir, compareReports, currentReport, reportFile } from './api-report.js';
import { baselineFile, baselineSpec, currentSpec } from './baseline.js';
import { classifySpec, type SpecClassification } from './classify.js';
import { type ApiChange, BUMP_FOR, type Bump, bumpCovers, type Level, maxLevel } from './kinds.js';

/** Everything the gate knows about one vendor's pair of packages (its spec and its client). */
export interface VendorDiff {
  readonly vendor: string;
  readonly specPackage: string;
  readonly clientPackage: string;
  /** What the spec was compared against: the released baseline file, or `<ref>:specs/<slug>`. */
  readonly baseline: string;
  readonly spec: SpecClassification;
  /** True when the bundled spec differs from the baseline at all (even where no change is classified). */
  readonly specDiffers: boolean;
  /** The change of the client's public types (undefined when not compared). */
  readonly types?: readonly ApiChange[];
  /** The strongest kind across spec and types. */
  readonly level: Level;
  /** The bump each package needs, if any. */
  readonly required: { readonly spec?: Bump; readonly client?: Bump };
  /** True for a package still below 1.0.0: its next release must be the major one, 1.0.0. */
  readonly unreleased: { readonly spec: boolean; readonly client: boolean };
}

export interface DiffOptions {
  /** Compare against the spec and the API report at this commit instead of the committed baselines. */
  readonly commit?: string;
  readonly ref?: string;
  /** Compare the client's public types too (needs the client built). */
  readonly types: boolean;
}

const versionOf = (file: string) =>
  (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '0.0.0';

const isUnreleased = (manifest: string) => Number.parseInt(versionOf(manifest), 10) < 1;

export async function diffVendor(root: string, vendor: Vendor, options: DiffOptions): Promise<VendorDiff> {
  const [before, after] = await Promise.all([
    baselineSpec(vendor, root, options.commit),
    currentSpec(vendor, root),
  ]);
  const spec = await classifySpec(before, after, vendor.slug);
  const specDiffers = !isDeepStrictEqual(before, after);
  const types = options.types
    ? compareReports(
        baselineReport(root, vendor, options.commit),
        currentReport(root, vendor),
        relative(root, reportFile(root, vendor)),
      )
    : undefined;
  const typesLevel = maxLevel((types ?? []).map((c) => c.kind));
  const level = maxLevel([spec.level, typesLevel]);
  // A spec that differs in a way nothing classifies (an unknown key, a reordering) still needs a changeset.
  const specBump = BUMP_FOR[spec.level] ?? (specDiffers ? 'patch' : undefined);
  const breaking = level === 'breaking';
  const unreleased = {
    spec: isUnreleased(join(vendor.dir, 'package.json')),
    client: isUnreleased(join(clientDir(root, vendor), 'package.json')),
  };
  // Before 1.0.0 any release must be the major one: the first release is 1.0.0, so that major always means breaking.
  const bumpFor = (bump: Bump | undefined, first: boolean) => (bump && first ? 'major' : bump);
  const required = {
    spec: bumpFor(breaking ? 'major' : specBump, unreleased.spec),
    client: bumpFor(breaking ? 'major' : BUMP_FOR[typesLevel], unreleased.client),
  };
  return {
    vendor: vendor.slug,
    specPackage: vendor.specPackage,
    clientPackage: vendor.clientPackage,
    baseline: options.ref
      ? `${options.ref}:${relative(root, vendor.dir)}`
      : relative(root, baselineFile(vendor)),
    spec,
    specDiffers,
    ...(types ? { types } : {}),
    level,
    required,
    unreleased,
  };
}

/** Where the pending changesets fall short of what a vendor's changes require: one message per package. */
export function gateProblems(diff: VendorDiff, bumps: Map<string, { bump: Bump }>): string[] {
  const problems: string[] = [];
  for (const [pkg, required, first] of [
    [diff.specPackage, diff.required.spec, diff.unreleased.spec],
    [diff.clientPackage, diff.required.client, diff.unreleased.client],
  ] as const) {
    const given = bumps.get(pkg)?.bump;
    const needed = first && given ? 'major' : required;
    if (bumpCovers(given, needed)) continue;
    const why =
      diff.level === 'breaking'
        ? 'a breaking change'
        : needed === 'major'
          ? 'the first release (1.0.0)'
          : `a change classified "${diff.level === 'none' ? 'docs' : diff.level}"`;
    problems.push(
      `${diff.vendor}: ${pkg} needs a ${needed} bump for ${why} against ${diff.baseline}; the pending changesets give ${given ?? 'none'}. Run \`pnpm changeset\` and choose ${needed} for ${pkg}.`,
    );
  }
  return problems;
}
