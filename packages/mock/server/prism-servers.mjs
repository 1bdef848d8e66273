/**
 * The Prism process the mock package starts (`node --import preload/prism-watchdog.mjs server/prism-servers.mjs`):
 * one process that serves every mock of a startMocks() call, each spec on its own port with its own Prism server.
 * Plain JavaScript outside src/ so that the same file serves the compiled package and its tests run from source.
 *
 * Loading Prism costs far more than serving a spec (about three quarters of a one-spec process's start-up CPU), so
 * Prism is loaded once and each spec gets the server `prism mock <spec>` would build: the pinned @stoplight/prism-cli
 * 5.14.2's own steps (createPrismServerWithLogger in its dist/util/createServer.js, which it does not export), run
 * with the modules it loads itself: its HTTP operations reader, its extension reader and @stoplight/prism-http-server,
 * with the configuration the CLI's `mock` command gives them (request and response validation, security checks,
 * CORS, `--dynamic` and `--seed`).
 *
 * It loads Prism first, then reads what to serve from file descriptor 3 (JSON: host, dynamic, seed, verbose, and
 * each server's slug, spec file and port; port 0 lets the OS pick a free one, so no other process can take it
 * first): the parent can start it before its specs are ready. It reports on stdout,
 * one JSON object a line, each naming the mock it is about:
 *   {"mock":"<slug>","line":"<Prism log line>"}        what Prism said about that mock
 *   {"mock":"<slug>","listening":<port>}                 that mock answers on <port>
 *   {"mock":"<slug>","failed":"<reason>"}                that mock could not start; the process then exits with 1
 * Anything else on stdout or stderr (Node's own errors) is about the whole process.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { answeringInvalidRequests } from '../preload/invalid-requests.mjs';
import { fillRequireCache, loadOnFirstCall } from './load-on-first-call.mjs';

const requireFromHere = createRequire(import.meta.url);
// Prism's own modules, resolved from the pinned CLI so that they are the versions it runs.
const requirePrism = createRequire(requireFromHere.resolve('@stoplight/prism-cli'));
const requirePrismHttp = createRequire(requirePrism.resolve('@stoplight/prism-http'));
preferEnglishFaker(requirePrismHttp);
// Documents that are not OpenAPI 3 (a mock serves only OpenAPI 3): their converters load when first called.
loadOnFirstCall(requirePrismHttp, '@stoplight/http-spec/postman/operation', [
  'transformPostmanCollectionOperations',
  'transformPostmanCollectionOperation',
]);
loadOnFirstCall(requirePrismHttp, '@stoplight/http-spec/oas2/operation', [
  'transformOas2Operations',
  'transformOas2Operation',
]);
seedFakerWithTheAnswer(requirePrismHttp);
const pino = requirePrism('pino');
const { createLogger } = requirePrism('@stoplight/prism-core');
const { getHttpOperationsFromSpec } = requirePrism('@stoplight/prism-http');
const { createServer } = requirePrism('@stoplight/prism-http-server');
const { configureExtensionsUserProvided } = requirePrism('./extensions.js');

/**
 * Prism's HTTP package requires `@faker-js/faker` (6.x) for one thing, its default instance (`.default`), whose locale
 * is `en`. That module builds the instance with all 57 of faker's locales: about 0.9 of the 1.5 CPU-seconds that
 * loading Prism takes. Its `locale/en` module is the same Faker class with the same `en` definitions and fallback, so
 * it gives the same values for the same seed, and loads in about a fifth of the time. The main module's entry in the
 * require cache is filled with it (default and named exports) before Prism loads, so Prism's own `require` gets it.
 * A faker without that module (another major version) is left alone.
 */
function preferEnglishFaker(requireFromPrismHttp) {
  let main;
  let english;
  try {
    main = requireFromPrismHttp.resolve('@faker-js/faker');
    english = requireFromPrismHttp('@faker-js/faker/locale/en');
  } catch {
    return;
  }
  if (typeof english?.lorem?.word !== 'function') return;
  const { Faker, FakerError } = createRequire(main)('./faker');
  fillRequireCache(main, { __esModule: true, default: english, faker: english, Faker, FakerError });
}

/**
 * With `--seed`, Prism seeds json-schema-faker's random source before it generates each answer, but not faker's, which
 * `x-faker` values come from: they differed from one process to the next for the same seed. Faker 6 draws every value
 * through its `mersenne.rand(max, min)`; here it draws from json-schema-faker's random source of the moment instead (the
 * seeded one while Prism generates an answer), so the same seed gives the same `x-faker` values too. A faker without
 * that method (another major version) is left alone.
 */
function seedFakerWithTheAnswer(requireFromPrismHttp) {
  const faker = requireFromPrismHttp('@faker-js/faker').default;
  const { JSONSchemaFaker } = requireFromPrismHttp('json-schema-faker');
  if (typeof faker?.mersenne?.rand !== 'function' || typeof JSONSchemaFaker?.option !== 'function') return;
  faker.mersenne.rand = (max = 32768, min = 0) => {
    const [low, high] = min > max ? [max, min] : [min, max];
    return Math.floor(JSONSchemaFaker.option('random')() * (high - low) + low);
  };
}

function report(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** A log destination that reports each line Prism logs for `slug`, formatted like the CLI's (minus colours). */
function logLines(slug) {
  let pending = '';
  const say = (raw) => {
    let entry;
    try {
      entry = JSON.parse(raw);
    } catch {
      report({ mock: slug, line: raw });
      return;
    }
    const request = entry.input ? ` ${entry.input.method} ${entry.input.url?.path ?? ''}` : '';
    report({ mock: slug, line: `[${entry.name}]${request} ${entry.level} ${entry.msg}` });
  };
  return new Writable({
    write(chunk, _encoding, done) {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') say(line);
      done();
    },
  });
}

/** `prism mock <specFile> --port <port> --host <host> [--dynamic --seed <seed>] --verboseLevel <level>`, in process. */
async function serve({ slug, specFile, document, port }, { host, dynamic, seed, verbose }) {
  // The CLI's logger: its `start` level sits just above `info`, so `warn` hides the request log.
  const logger = createLogger(
    'CLI',
    {
      customLevels: { start: pino.levels.values.info + 1 },
      level: verbose ? 'info' : 'warn',
      formatters: { level: (level) => ({ level }) },
    },
    logLines(slug),
  );
  report({ mock: slug, line: '[CLI] Starting Prism…' });
  try {
    const operations = await getHttpOperationsFromSpec(specFile);
    await configureExtensionsUserProvided(specFile, { fillProperties: undefined });
    if (operations.length === 0) throw new Error('No operations found in the current file.');
    const config = {
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: false,
      upstreamProxy: undefined,
      mock: { dynamic, ignoreExamples: false, seed: dynamic ? seed : null },
      isProxy: false,
    };
    const server = answeringInvalidRequests(document, () =>
      createServer(operations, {
        cors: true,
        config,
        components: { logger: logger.child({ name: 'HTTP SERVER' }) },
      }),
    );
    const address = await server.listen(port, host);
    logger.start(`Prism is listening on ${address}`);
    report({ mock: slug, listening: Number(new URL(address).port) });
  } catch (error) {
    // prism-http-server rejects a failed listen with the error's message alone.
    const reason = error instanceof Error ? error.message : String(error);
    logger.fatal(reason);
    report({ mock: slug, failed: reason });
    process.exit(1);
  }
}

/** Everything the parent writes to file descriptor 3 before closing it (stdin is the watchdog's). */
async function fromParent() {
  const chunks = [];
  for await (const chunk of createReadStream('', { fd: 3 })) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const said = await fromParent();
// Nothing said: the parent went away before the specs were ready (the watchdog ends the process too).
if (said.trim() === '') process.exit(0);
const settings = JSON.parse(said);
await Promise.all(
  settings.servers.map((server) =>
    serve({ ...server, document: JSON.parse(readFileSync(server.specFile, 'utf8')) }, settings),
  ),
);
