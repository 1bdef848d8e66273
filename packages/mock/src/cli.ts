import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runMain, vendorCatalog } from '@modelspecs/spec-tools/cli';
import {
  DEFAULT_SEED,
  describeFailure,
  type MockArgValues,
  mockArgOptions,
  shutdownSignal,
  startOptionsFromArgs,
} from './command.js';

function defaultPorts(): string {
  try {
    return vendorCatalog(fileURLToPath(new URL('..', import.meta.url)))
      .vendors.map((v) => `${v.slug} ${v.mockPort}`)
      .join(', ');
  } catch {
    return 'modelspecs.mockPort of each spec package';
  }
}

const usage =
  () => `Usage: modelspecs-mock [--vendor a,b | --spec <file>] [--port-base N] [--host H] [--dynamic [--seed S]] [--verbose]

Starts one Prism mock per vendor spec, waits until each answers, and prints its base URL and the auth header to
send. Runs until Ctrl-C or SIGTERM, then stops every mock.

Options:
  --vendor <a,b>       only these vendors (default: every vendor)
  --spec <file>        mock this OpenAPI 3.0/3.1 file instead (default port 4010)
  --port-base <port>   port of the first vendor; the others keep their distance from it
                       (default ports: ${defaultPorts()})
  --host <address>     interface to bind (default 127.0.0.1)
  --dynamic            answers generated from the schemas instead of the spec's examples
  --seed <text>        seed of --dynamic, the same seed gives the same answers (default "${DEFAULT_SEED}")
  --verbose            print Prism's request log, prefixed with the vendor
  -h, --help           this text

Exit codes: 0 stopped by Ctrl-C/SIGTERM, 1 a mock failed to start or stopped on its own, 2 bad usage.`;

async function main(argv: string[]): Promise<number> {
  // `pnpm --filter @modelspecs/mock start -- --flag` passes the separator through.
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  const { values } = parseArgs({ args, options: mockArgOptions, strict: true });
  if (values.help) {
    console.log(usage());
    return 0;
  }
  // Prism and the spec bundler load only when mocks start: --help and usage errors answer at once.
  const { defaultPortBase, startMocks } = await import('./start.js');
  const { formatMockTable } = await import('./table.js');
  const options = startOptionsFromArgs(values as MockArgValues, defaultPortBase(undefined, values.spec));
  const shutdown = shutdownSignal();
  try {
    const mocks = await startMocks({
      ...options,
      signal: shutdown.signal,
      onOutput: options.verbose ? (slug, line) => console.error(`[${slug}] ${line}`) : undefined,
    });
    const mode = mocks.dynamic
      ? `generated answers, seed "${options.seed ?? DEFAULT_SEED}"`
      : "the spec's examples";
    console.log(
      `${mocks.mocks.length} mock(s) ready (${mode}). Any non-empty key is accepted; without one they answer 401.\n`,
    );
    console.log(formatMockTable(mocks.mocks));
    console.log('\nCtrl-C stops them.');
    const failure = await mocks.closed;
    if (failure) {
      console.error(`modelspecs-mock: ${describeFailure(failure)}`);
      return 1;
    }
    console.error(`Stopped ${mocks.mocks.length} mock(s).`);
    return 0;
  } catch (error) {
    if (shutdown.signal.aborted) {
      console.error('Stopped before every mock was ready.');
      return 0;
    }
    throw error;
  } finally {
    shutdown.dispose();
  }
}

runMain('modelspecs-mock', () => main(process.argv.slice(2)), 'Run modelspecs-mock --help for the options.');
