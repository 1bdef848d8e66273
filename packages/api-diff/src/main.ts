import { parseArgs } from 'node:util';
import { findRepoRoot, selectVendors, UsageError } from '@modelspecs/spec-tools';
import type { CliOutput } from '@modelspecs/spec-tools/cli';
import { pendingBumps } from './changesets.js';
import { FORMATS, type Format, render } from './format.js';
import { diffVendor, gateProblems, type VendorDiff } from './gate.js';
import { resolveRef } from './git.js';

export const USAGE = `Usage: modelspecs-api-diff [command] [options]

Commands:
  (none)             classify each spec change against its released baseline (and the client's public types
                     against its committed API report) and print it
  update-baselines   make the current specs and API reports the released baselines (the release step does this)
  portal --out <dir> write each vendor's "API changes" page (<dir>/<slug>/changes.html) for the docs portal
  release [--dry-run] changeset version, changelogs from the classification, build, refresh baselines, pack, publish

Options:
  --vendor <slugs>   comma-separated vendors (default: all)
  --from <ref>       compare against the specs and API reports at this git ref instead of the baselines
  --format <f>       text (default), json or markdown (for a pull-request comment)
  --check            exit 1 when the pending changesets do not give the bumps the changes require
  --no-types         compare the specs only (no build of the clients needed)`;

/** The modelspecs-api-diff command line: what its bin runs with the process's arguments and output. */
export async function main(argv: string[], output: CliOutput): Promise<number> {
  const say = (text: string) => output.stdout(`${text}\n`);
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      vendor: { type: 'string' },
      from: { type: 'string' },
      format: { type: 'string', default: 'text' },
      check: { type: 'boolean', default: false },
      'no-types': { type: 'boolean', default: false },
      out: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    say(USAGE);
    return 0;
  }
  const [command, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const format = values.format as Format;
  if (!FORMATS.includes(format))
    throw new UsageError(`--format: "${values.format}" is not one of ${FORMATS.join(', ')}`);
  const root = findRepoRoot();
  const vendors = selectVendors(values.vendor, root);
  const types = !values['no-types'];
  switch (command) {
    case undefined: {
      const commit = values.from === undefined ? undefined : resolveRef(root, values.from);
      const diffs: VendorDiff[] = [];
      for (const vendor of vendors) {
        diffs.push(
          await diffVendor(root, vendor, {
            types,
            ...(commit ? { commit, ref: values.from } : {}),
          }),
        );
      }
      const bumps = await pendingBumps(root);
      const problems = values.check ? diffs.flatMap((d) => gateProblems(d, bumps)) : [];
      const out = render(format, diffs, problems);
      (problems.length > 0 ? output.stderr : output.stdout)(out);
      return problems.length > 0 ? 1 : 0;
    }
    case 'update-baselines': {
      const { updateBaselines } = await import('./release.js');
      for (const line of await updateBaselines(root, vendors, { types })) say(line);
      return 0;
    }
    case 'portal': {
      if (!values.out) throw new UsageError('portal: --out <dir> is required');
      const { writeChangesPages } = await import('./portal.js');
      const written = await writeChangesPages(root, vendors, values.out);
      say(`wrote ${written.length} API changes pages to ${values.out}`);
      return 0;
    }
    case 'release': {
      const { release } = await import('./release.js');
      await release(root, { dryRun: values['dry-run'], log: (line) => say(line) });
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}
