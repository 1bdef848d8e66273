#!/usr/bin/env node
// `pnpm start`: every vendor's mock and, when the docs package is built, the API reference, on 127.0.0.1.
// Root `package.json` builds first (the mock and the rendered reference), then runs this script with the flags given after `--`.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

process.env.TURBO_TELEMETRY_DISABLED ??= '1';
process.env.REDOCLY_TELEMETRY ??= 'off';
process.env.DO_NOT_TRACK ??= '1';

const checkout = join(dirname(fileURLToPath(import.meta.url)), '..');
// MODELSPECS_ROOT, the override every modelspecs command reads, names another workspace: the mocks then serve its
// specs/ (the mock package reads it and says when it is not a workspace). Otherwise this checkout's.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: run by hand after the build, outside any turbo task.
const root = process.env.MODELSPECS_ROOT ? undefined : checkout;
const DEFAULT_DOCS_PORT = 8080;

/** A workspace package through its public entry (the root's devDependencies), or why it cannot be loaded. */
async function loadPackage(name) {
  try {
    return { lib: await import(name) };
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(name)) throw error;
    return {
      why: `${name} is not built: run \`pnpm start\` (it builds first) or \`pnpm turbo run build --filter=${name}...\``,
    };
  }
}

const loadedMock = await loadPackage('@modelspecs/mock');
if (!loadedMock.lib) {
  console.error(`start: ${loadedMock.why}.`);
  process.exit(1);
}
const mock = loadedMock.lib;

const usage = `Usage: pnpm start [-- options]

Builds (cached), then starts one Prism mock per vendor spec and the API reference, and prints where they are.
Runs until Ctrl-C or SIGTERM, then stops everything.

Options:
  --vendor <a,b>       only these vendors' mocks (default: every vendor under specs/)
  --port-base <port>   port of the first vendor's mock; the others keep their distance from it
                       (default: each vendor's modelspecs.mockPort, 4010 and up)
  --host <address>     interface to bind (default 127.0.0.1)
  --dynamic            answers generated from the schemas instead of the spec's examples
  --seed <text>        seed of --dynamic (default "${mock.DEFAULT_SEED}")
  --docs-port <port>   port of the API reference (default ${DEFAULT_DOCS_PORT})
  --docs-dir <dir>     the rendered site to serve (default packages/docs/dist, which \`pnpm start\` renders)
  --no-docs            do not serve the API reference
  --verbose            print Prism's request log
  -h, --help           this text

Environment:
  MODELSPECS_ROOT      a modelspecs workspace whose specs/ to serve (default: this checkout)

Examples:
  pnpm start -- --port-base 5010          mocks on 5010 and up, when 4010 and up are taken
  pnpm start -- --vendor tensoras --dynamic`;

/** The docs package's serveDocs(), or why the API reference cannot be served. */
async function loadServeDocs() {
  const { lib, why } = await loadPackage('@modelspecs/docs');
  if (!lib) return { why };
  return { serveDocs: lib.serveDocs };
}

/** Each vendor's reference page, listed only when the docs server actually has it. */
async function vendorDocsUrls(docsUrl, slugs) {
  const urls = {};
  await Promise.all(
    slugs.map(async (slug) => {
      const url = new URL(`${slug}/`, docsUrl.endsWith('/') ? docsUrl : `${docsUrl}/`).href;
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
        await response.body?.cancel();
        if (response.ok) urls[slug] = url;
      } catch {
        // Not served: the table leaves the cell empty.
      }
    }),
  );
  return urls;
}

async function main(argv) {
  // `pnpm start -- --flag` passes the separator through.
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      ...mock.mockArgOptions,
      'docs-port': { type: 'string' },
      'docs-dir': { type: 'string' },
      'no-docs': { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const options = mock.startOptionsFromArgs(values, mock.defaultPortBase(root));
  const host = options.host ?? mock.DEFAULT_HOST;
  const docsPort = mock.parsePort('--docs-port', values['docs-port'] ?? String(DEFAULT_DOCS_PORT));

  const docsLib = values['no-docs'] ? { why: '--no-docs' } : await loadServeDocs();
  if (docsLib.serveDocs && !(await mock.isPortFree(host, docsPort))) {
    console.error(
      `start: Port ${docsPort} on ${host}, wanted by the API reference, is already in use. ` +
        'Stop whatever uses it, or pass --docs-port <port> (or --no-docs).',
    );
    return 1;
  }

  const shutdown = mock.shutdownSignal();
  let docs;
  try {
    const mocks = await mock.startMocks({
      ...options,
      root,
      signal: shutdown.signal,
      onOutput: options.verbose ? (slug, line) => console.error(`[${slug}] ${line}`) : undefined,
    });
    let docsNote = docsLib.why ? `API reference not served: ${docsLib.why}.` : '';
    let docsUrls = {};
    if (docsLib.serveDocs && !shutdown.signal.aborted) {
      try {
        const dir = values['docs-dir'] === undefined ? undefined : resolve(values['docs-dir']);
        docs = await docsLib.serveDocs({ host, port: docsPort, dir, mockUrls: mocks.urls });
        docsUrls = await vendorDocsUrls(
          docs.url,
          mocks.mocks.map((m) => m.slug),
        );
        docsNote = `API reference: ${docs.url}`;
      } catch (error) {
        docsNote = `API reference not served: ${error.message}`;
      }
    }
    const mode = mocks.dynamic
      ? `generated answers, seed "${options.seed ?? mock.DEFAULT_SEED}"`
      : "the spec's examples";
    console.log(
      `\n${mocks.mocks.length} mock(s) ready (${mode}). Any non-empty key is accepted; without one they answer 401.\n`,
    );
    console.log(mock.formatMockTable(mocks.mocks, docsUrls));
    console.log(`\n${docsNote}\nCtrl-C stops everything.`);

    const failure = await mocks.closed;
    await docs?.stop();
    if (failure) {
      console.error(`start: ${mock.describeFailure(failure)}`);
      return 1;
    }
    console.error(`Stopped ${mocks.mocks.length} mock(s)${docs ? ' and the API reference' : ''}.`);
    return 0;
  } catch (error) {
    await docs?.stop();
    if (shutdown.signal.aborted) {
      console.error('Stopped before everything was ready.');
      return 0;
    }
    throw error;
  } finally {
    shutdown.dispose();
  }
}

mock.runMain('start', () => main(process.argv.slice(2)), 'Run `pnpm start -- --help` for the options.');
