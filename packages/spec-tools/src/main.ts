import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { findRepoRoot } from './root.js';
import type { CliOutput } from './run-main.js';
import { discoverVendors, getVendor, type Vendor } from './vendors.js';

const USAGE = `Usage: modelspecs-spec <command> [options]

Commands:
  lint [--vendor <slug>] [--file <path>]   every spec check: it bundles, and redocly.yaml's rules (Redocly
       [--all]                             recommended-strict and the modelspecs plugin) pass; --all lints every
                                           spec of the workspace in one process
  bundle [--vendor <slug>] [--lint]        write specs/<slug>/dist/openapi.json and openapi.yaml; --lint runs
                                           every check of lint first, in the same process, and writes nothing
                                           when one fails (a spec package's build)
  generate [--check]                       regenerate src/generated/*.gen.ts in the current client package;
                                           --check writes nothing and exits 1 when they are stale
  vendors [--json]                         list the vendors discovered under specs/
  new-vendor <slug> --name <display name> --env-var <VAR> --port <mock port>
             [--client-name <Name>] [--base-url <https URL>]
                                           scaffold specs/<slug> and packages/<slug> (use pnpm new-vendor,
                                           which also links the spec package and updates the vendor tables)
  tables [--check]                         rewrite the generated vendor tables of README.md, CONTRIBUTING.md and
                                           packages/<slug>/README.md (between their markers); --check writes
                                           nothing and exits 1 when one is stale

Options of lint and bundle:
  --max-file-bytes <n>                     the largest file a spec may consist of (default 5242880, 5 MiB)

A spec is read from its own folder only: a $ref to a file outside it, or to a URL, is an error.
Inside specs/<slug>/ the vendor defaults to <slug>.`;

/** `--max-file-bytes`: a positive integer, else a usage error naming the flag. */
function maxFileBytes(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`--max-file-bytes: "${value}" is not a size; give a positive number of bytes.`);
  }
  return n;
}

/** The vendor whose spec folder we are in, or the one named by --vendor. */
function currentVendor(root: string, slug: string | undefined): Vendor {
  if (slug) return getVendor(slug, root);
  const cwd = process.cwd();
  if (resolve(dirname(cwd)) === resolve(root, 'specs')) return getVendor(basename(cwd), root);
  throw new UsageError('Run inside specs/<slug>/ or pass --vendor <slug>.');
}

/** The modelspecs-spec command line: what its bin runs with the process's arguments and output. */
export async function main(argv: string[], output: CliOutput): Promise<number> {
  const say = (text: string) => output.stdout(`${text}\n`);
  const complain = (text: string) => output.stderr(`${text}\n`);
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      vendor: { type: 'string' },
      file: { type: 'string' },
      json: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      lint: { type: 'boolean', default: false },
      'max-file-bytes': { type: 'string' },
      name: { type: 'string' },
      'env-var': { type: 'string' },
      port: { type: 'string' },
      'client-name': { type: 'string' },
      'base-url': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    say(USAGE);
    return values.help ? 0 : 2;
  }
  const root = findRepoRoot();
  const load = { maxFileBytes: maxFileBytes(values['max-file-bytes']) };
  switch (command) {
    // Each command loads only what it needs: openapi-typescript and Redocly are slow to import.
    case 'lint': {
      const { formatLintReport, lintSpecFile, loadLintConfig } = await import('./lint.js');
      const files = values.all
        ? discoverVendors(root).map((v) => v.specFile)
        : [values.file ? resolve(values.file) : currentVendor(root, values.vendor).specFile];
      const config = await loadLintConfig(root);
      let ok = true;
      for (const file of files) {
        const report = await lintSpecFile(file, root, { ...load, config });
        (report.ok ? say : complain)(formatLintReport(report));
        ok &&= report.ok;
      }
      return ok ? 0 : 1;
    }
    case 'bundle': {
      const vendor = currentVendor(root, values.vendor);
      if (values.lint) {
        const { formatLintReport, lintSpecFile } = await import('./lint.js');
        const report = await lintSpecFile(vendor.specFile, root, load);
        if (!report.ok) {
          complain(formatLintReport(report));
          complain(`Nothing written to specs/${vendor.slug}/dist/: fix the problems above and build again.`);
          return 1;
        }
        say(`${report.file}: all spec checks passed`);
      }
      const { writeBundle } = await import('./bundle.js');
      await writeBundle(vendor, root, load);
      say(`bundled specs/${vendor.slug}/openapi.yaml -> specs/${vendor.slug}/dist/openapi.{json,yaml}`);
      return 0;
    }
    case 'generate': {
      const { generateClient } = await import('./generate.js');
      const { files, stale } = await generateClient(process.cwd(), { check: values.check });
      if (!values.check) {
        say(`generated ${files.join(', ')}`);
        return 0;
      }
      if (stale.length === 0) {
        say(`up to date: ${files.join(', ')}`);
        return 0;
      }
      complain(
        `Generated code is stale: ${stale.join(', ')} no longer match the spec.\n` +
          'Run `pnpm build` (or `pnpm turbo run generate`) and commit the spec and the regenerated files together.',
      );
      return 1;
    }
    case 'tables': {
      const { updateVendorTables } = await import('./vendor-tables.js');
      const { files, stale } = await updateVendorTables(root, { check: values.check });
      if (!values.check) {
        say(
          stale.length > 0 ? `rewrote the vendor tables of ${stale.join(', ')}` : 'vendor tables up to date',
        );
        return 0;
      }
      if (stale.length === 0) {
        say(`vendor tables up to date: ${files.join(', ')}`);
        return 0;
      }
      complain(
        `The vendor tables of ${stale.join(', ')} no longer match the specs and their package.json.\n` +
          'Run `pnpm vendor-tables` and commit the result.',
      );
      return 1;
    }
    case 'new-vendor': {
      const { scaffoldVendor } = await import('./new-vendor.js');
      const slug = positionals[1];
      if (!slug || positionals.length > 2) throw new UsageError(`new-vendor takes one <slug>.\n\n${USAGE}`);
      const missing = (['name', 'env-var', 'port'] as const).filter((flag) => values[flag] === undefined);
      if (missing.length > 0) {
        throw new UsageError(
          `new-vendor: ${missing.map((flag) => `--${flag}`).join(', ')} required; nothing written.`,
        );
      }
      const written = scaffoldVendor(root, {
        slug,
        name: values.name as string,
        envVar: values['env-var'] as string,
        port: /^\d+$/.test(values.port as string) ? Number(values.port) : Number.NaN,
        clientName: values['client-name'],
        baseUrl: values['base-url'] ?? `https://api.${slug}.example/v1`,
      });
      say(`wrote ${written.join(', ')}`);
      return 0;
    }
    case 'vendors': {
      const vendors = discoverVendors(root);
      if (values.json) say(JSON.stringify(vendors, null, 2));
      else for (const v of vendors) say(`${v.slug}\t${v.envVar}\t${v.mockPort}`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}
