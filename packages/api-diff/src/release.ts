import { execFileSync } from 'node:child_process';
import { readFileSync, unlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { discoverVendors, SpecError, type Vendor, writeFilesAtomically } from '@modelspecs/spec-tools';
import { clientDir, currentReport, reportFile } from './api-report.js';
import { currentSpec, writeBaseline } from './baseline.js';
import { pendingBumps } from './changesets.js';
import { markdownChanges, render } from './format.js';
import { diffVendor, gateProblems, type VendorDiff } from './gate.js';
import { appendHistory } from './history.js';
import type { Bump } from './kinds.js';

/** Makes the current specs (bundled) and the clients' API reports the released baselines. */
export async function updateBaselines(
  root: string,
  vendors: readonly Vendor[],
  options: { types: boolean },
): Promise<string[]> {
  const written: string[] = [];
  for (const vendor of vendors) {
    written.push(relative(root, writeBaseline(vendor, await currentSpec(vendor, root))));
    if (options.types) {
      const file = reportFile(root, vendor);
      writeFilesAtomically([{ path: file, content: currentReport(root, vendor) }]);
      written.push(relative(root, file));
    }
  }
  return written.map((file) => `baseline ${file}`);
}

/**
 * The changesets the release step adds for a vendor, one per package (a spec package may still be private, and
 * changesets refuses one file mixing private and public packages): the bump its changes require, and the changes,
 * by kind, as its text, so that the package's changelog lists them.
 */
export function apiChangesChangesets(diff: VendorDiff): { name: string; content: string }[] {
  if (diff.level === 'none') return [];
  const text = `API changes of ${diff.vendor} against ${diff.baseline}:\n\n${markdownChanges(diff, 4).trim()}\n`;
  return [
    [diff.specPackage, diff.required.spec],
    [diff.clientPackage, diff.required.client],
  ]
    .filter((entry): entry is [string, Bump] => entry[1] !== undefined)
    .map(([pkg, bump]) => ({
      name: `api-changes-${pkg.replace(/^@modelspecs\//, '')}`,
      content: `---\n"${pkg}": ${bump}\n---\n\n${text}`,
    }));
}

/** The folders of the workspace packages that are published (not private). */
function publicPackages(root: string): string[] {
  const listed = JSON.parse(
    execFileSync('pnpm', ['-r', 'ls', '--depth', '-1', '--json'], { cwd: root, encoding: 'utf8' }),
  ) as { path: string; private?: boolean }[];
  return listed.filter((p) => !p.private && p.path !== root).map((p) => p.path);
}

const version = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;

function run(root: string, command: string, args: string[], log: (line: string) => void): void {
  log(`$ ${command} ${args.join(' ')}`);
  execFileSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', REDOCLY_TELEMETRY: 'off', DO_NOT_TRACK: '1' },
  });
}

/**
 * The release: gate, one changeset per vendor carrying its classified API changes (so each spec and client
 * changelog lists them by kind), `changeset version`, the release history for the portal, build, baselines
 * refreshed from what was built, pack, publish. `dryRun` stops before publishing.
 */
export async function release(
  root: string,
  options: { dryRun: boolean; log: (line: string) => void },
): Promise<void> {
  const { log } = options;
  const vendors = discoverVendors(root);
  run(root, 'pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], log);
  const diffs: VendorDiff[] = [];
  for (const vendor of vendors) diffs.push(await diffVendor(root, vendor, { types: true }));
  const bumps = await pendingBumps(root);
  const problems = diffs.flatMap((d) => gateProblems(d, bumps));
  if (problems.length > 0) throw new SpecError(`Release gate failed:\n${render('text', diffs, problems)}`);
  const added: string[] = [];
  for (const diff of diffs) {
    for (const { name, content } of apiChangesChangesets(diff)) {
      const file = join(root, '.changeset', `${name}.md`);
      writeFilesAtomically([{ path: file, content }]);
      added.push(file);
    }
  }
  try {
    run(root, 'pnpm', ['exec', 'changeset', 'version'], log);
  } catch (error) {
    for (const file of added) unlinkSync(file);
    throw error;
  }
  const date = new Date().toISOString().slice(0, 10);
  for (const [i, vendor] of vendors.entries()) {
    const diff = diffs[i];
    if (!diff || diff.level === 'none') continue;
    appendHistory(vendor, {
      version: version(join(vendor.dir, 'package.json')),
      date,
      level: diff.level,
      changes: [...diff.spec.changes, ...(diff.types ?? [])],
    });
  }
  run(root, 'pnpm', ['install', '--lockfile-only'], log);
  run(root, 'pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], log);
  for (const line of await updateBaselines(root, vendors, { types: true })) log(line);
  const destination = join(root, 'artifacts', 'packages');
  for (const dir of publicPackages(root)) run(dir, 'pnpm', ['pack', '--pack-destination', destination], log);
  if (options.dryRun) {
    log('dry run: not publishing. Review the versions, changelogs and baselines, then commit them.');
    return;
  }
  // Provenance comes from the CI's identity (NPM_CONFIG_PROVENANCE=true there); a laptop has none to give.
  run(root, 'pnpm', ['exec', 'changeset', 'publish'], log);
  log(
    `released ${vendors.map((v) => `${v.specPackage}@${version(join(v.dir, 'package.json'))}`).join(', ')} and ${vendors.map((v) => `${v.clientPackage}@${version(join(clientDir(root, v), 'package.json'))}`).join(', ')}`,
  );
}
