import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type CliOutput, UsageError, vendorCatalog, writeFilesAtomically } from '@modelspecs/spec-tools/cli';
import type { FetchLike } from './http.js';
import { parseLimitFlag } from './limits.js';
import { PACKAGE_DIR } from './package-dir.js';
import { redactText } from './redact.js';
import { formatReport, formatText, REPORT_FORMATS, type ReportFormat } from './report/index.js';
import type { TargetChoice } from './run.js';

export const USAGE = `Usage: modelspecs-conformance [--vendor <slug>[,<slug>...] | --spec <file>] [options]

Checks a server against a vendor's OpenAPI spec, or any OpenAPI 3.0/3.1 file, deriving every request and check
from the spec. Without --base-url it starts the spec's mock (every vendor when neither --vendor nor --spec is
given) and stops it afterwards; that needs @modelspecs/mock installed.

Options:
  --vendor <slug>        the vendor(s) to check (a comma-separated list); one vendor with --base-url
  --spec <file>          check against this OpenAPI 3.0/3.1 file instead of a vendor's spec
  --base-url <url>       the API's base URL, base path included (e.g. http://127.0.0.1:4010/v1)
  --api-key <key>        the API key (default: the vendor's env var, e.g. TENSORAS_API_KEY; with --spec,
                         MODELSPECS_API_KEY)
  --target <kind>        auto (default: probe for our Prism mock), mock, or server
  --allow-writes         run write operations against a base URL that is not loopback
  --report <format>      text (default), json or junit
  --out <file>           write the report to this file (the text report still goes to stdout)
  --timeout-ms <n>       per-request timeout in milliseconds, 1 to 2147483647 (default 10000)
  --max-listed-ids <n>   how many listed ids list_get_consistency fetches, 1 to 10000 (default 20)
  --max-body-bytes <n>   how much of one response body is read, 1 to 268435456 (default 10485760,
                         10 MiB); a larger body fails the check that needed it
  -h, --help             show this help

Exit codes: 0 every check passed or was skipped, 1 a check failed or the target could not be reached,
2 a usage error.
`;

/** Where the CLI writes (spec-tools' `CliOutput`: the process's streams are its `processOutput`), and what it reads. */
export interface CliIo extends CliOutput {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  fetch?: FetchLike;
}

const TARGETS: readonly TargetChoice[] = ['auto', 'mock', 'server'];

function parse(argv: readonly string[]) {
  // `pnpm conformance -- --vendor x` hands the script a leading `--`.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let values: ReturnType<typeof parseArgsStrict>['values'];
  try {
    values = parseArgsStrict(args).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run with --help for the options.`);
  }
  const report = values.report ?? 'text';
  if (!(REPORT_FORMATS as readonly string[]).includes(report)) {
    throw new UsageError(`--report: "${report}" is not one of ${REPORT_FORMATS.join(', ')}`);
  }
  const target = values.target ?? 'auto';
  if (!(TARGETS as readonly string[]).includes(target)) {
    throw new UsageError(`--target: "${target}" is not one of ${TARGETS.join(', ')}`);
  }
  if (values.vendor !== undefined && values.vendor.trim() === '') {
    throw new UsageError('--vendor: give a vendor slug, e.g. --vendor tensoras');
  }
  if (values.spec !== undefined && values.spec.trim() === '') {
    throw new UsageError('--spec: give the path of an OpenAPI file');
  }
  if (values.spec !== undefined && values.vendor !== undefined) {
    throw new UsageError('--spec and --vendor exclude each other: check against a spec file or a vendor');
  }
  if (values['api-key'] !== undefined && values['api-key'] === '') {
    throw new UsageError('--api-key: the key is empty');
  }
  if (values.out !== undefined && values.out === '') throw new UsageError('--out: give a file name');
  return {
    help: values.help === true,
    vendor: values.vendor,
    spec: values.spec,
    baseUrl: values['base-url'],
    apiKey: values['api-key'],
    allowWrites: values['allow-writes'] === true,
    report: report as ReportFormat,
    out: values.out,
    target: target as TargetChoice,
    timeoutMs: parseLimitFlag('timeoutMs', values['timeout-ms']),
    maxListedIds: parseLimitFlag('maxListedIds', values['max-listed-ids']),
    maxBodyBytes: parseLimitFlag('maxBodyBytes', values['max-body-bytes']),
  };
}

function parseArgsStrict(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      vendor: { type: 'string' },
      spec: { type: 'string' },
      'base-url': { type: 'string' },
      'api-key': { type: 'string' },
      'allow-writes': { type: 'boolean' },
      report: { type: 'string' },
      out: { type: 'string' },
      target: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'max-listed-ids': { type: 'string' },
      'max-body-bytes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** The CLI without the process: returns the exit code. Keys never reach `stdout`, `stderr` or the report file. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const secrets: string[] = [];
  const scrub = (text: string) => redactText(text, secrets);
  try {
    const args = parse(argv);
    if (args.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (args.apiKey) secrets.push(args.apiKey);
    // Any vendor's key in the environment may be sent; none may be printed.
    const envVars = ['MODELSPECS_API_KEY'];
    try {
      envVars.push(...vendorCatalog(PACKAGE_DIR).vendors.map((v) => v.envVar));
    } catch {
      // Without its spec packages there is nothing to check, and runConformance says why.
    }
    for (const name of envVars) {
      const value = io.env[name];
      if (value) secrets.push(value);
    }
    // The checker itself loads only now: --help and usage errors answer without it.
    const { runConformance } = await import('./conformance.js');
    const report = await runConformance({
      vendors: args.vendor,
      spec: args.spec === undefined ? undefined : resolve(io.cwd, args.spec),
      baseUrl: args.baseUrl,
      apiKey: args.apiKey,
      target: args.baseUrl === undefined && args.target === 'auto' ? undefined : args.target,
      allowWrites: args.allowWrites,
      timeoutMs: args.timeoutMs,
      maxListedIds: args.maxListedIds,
      maxBodyBytes: args.maxBodyBytes,
      env: io.env,
      fetch: io.fetch,
    });
    const rendered = scrub(formatReport(report, args.report));
    if (args.out !== undefined) {
      const path = resolve(io.cwd, args.out);
      try {
        writeFilesAtomically([{ path, content: rendered }]);
      } catch (error) {
        throw new UsageError(`--out: cannot write ${path}: ${(error as Error).message}`);
      }
      io.stdout(scrub(args.report === 'text' ? rendered : formatText(report)));
    } else {
      io.stdout(rendered);
    }
    return report.ok ? 0 : 1;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`modelspecs-conformance: ${scrub(message)}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}
