// The CLI against the real Prism mocks on loopback of five fixture vendors (test/fixtures/five-vendors: small specs
// whose catalog declarations have the shapes the real vendors' have): the mocks it starts itself, and mocks started
// here that it reaches with --live --base-url (so that one of them can be down). Each real vendor's catalog is checked
// by the per-vendor suite (test/vendor/catalog.test.ts).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MOCK_KEY, type RunningMocks, startMocks } from '@modelspecs/mock';
import { runMainInProcess } from '@modelspecs/spec-tools/cli';
import { type NodeRun, runNode } from '@modelspecs/testkit';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// The built command, as the bin runs it: Node (not vite, which resolves the sources' imports) resolves the client
// package it imports by name, so the hooks below can answer for the fixture vendors.
import { main, USAGE_HINT } from '../dist/main.js';
// The fixture vendors' client packages, for the commands run in this process (--import gives them to the bin's). The
// hooks stay for this worker's other test files: they answer only for the fixture vendors' names.
import './support/fixture-clients.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(packageDir, 'bin', 'modelspecs-models.js');
const vendorsRoot = join(packageDir, 'test', 'fixtures', 'five-vendors');
// The fixture vendors' client packages (see test/support/fixture-clients.mjs).
const fixtureClients = join(packageDir, 'test', 'support', 'fixture-clients.mjs');
const VENDORS = ['credits', 'kilo', 'layers', 'registry', 'tokens'];
const keys = Object.fromEntries(VENDORS.map((v) => [`${v.toUpperCase()}_API_KEY`, MOCK_KEY]));

// The commands run in this process (the catalog, the clients and the mock load once, not once a command); a few
// runs of the bin itself, in a process of its own, check its exit codes and where it prints (`bin`).
const models = (args: string[], env: Record<string, string> = {}) =>
  runMainInProcess('modelspecs-models', main, args, {
    cwd: packageDir,
    env: { MODELSPECS_ROOT: vendorsRoot, ...env },
    usageHint: USAGE_HINT,
  });

const runs: NodeRun[] = [];
afterEach(() => {
  for (const run of runs.splice(0)) if (run.child.exitCode === null) run.child.kill('SIGKILL');
});
async function bin(args: string[], env: Record<string, string> = {}) {
  const run = runNode(cli, args, packageDir, {
    MODELSPECS_ROOT: vendorsRoot,
    NODE_OPTIONS: `--import=${pathToFileURL(fixtureClients).href}`,
    ...env,
  });
  runs.push(run);
  const { code } = await run.exit;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('modelspecs-models with the mocks it starts', () => {
  it('prints the table of every vendor and exits 0', { timeout: 300_000 }, async () => {
    const { code, stdout, stderr } = await models(['--sort', 'price']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^vendor\s+model\s+provider\s+context\s+max output\s+input \/1M/);
    for (const vendor of VENDORS) expect(stdout).toMatch(new RegExp(`^${vendor} `, 'm'));
    // "0.00000500" USD per token is 5 USD per 1M; 1.4 credits per 1K (1 credit = 0.001 USD) is 1.4 USD per 1M.
    expect(stdout).toMatch(/^tokens\s+DeepSeek-R1\s.*\s5 USD\s+7 USD\s+5 \/ 7/m);
    expect(stdout).toMatch(/^credits\s+claude-haiku\s.*\s1400 credits\s+7000 credits\s+1\.4 \/ 7/m);
    // Sorted by price: the USD-priced rows come first, cheapest first.
    const usd = lines.filter((l) => /\d \/ \d/.test(l)).map((l) => Number(/(\S+) \/ \S+/.exec(l)![1]));
    expect(usd.length).toBeGreaterThan(3);
    expect(usd).toEqual([...usd].sort((a, b) => a - b));
    expect(stdout).toMatch(/models from 5 of 5 vendors/);
  });
});

describe('modelspecs-models --live against mocks started here', () => {
  let mocks: RunningMocks;
  const baseUrls = (urls: Record<string, string>) =>
    Object.entries(urls).flatMap(([s, u]) => ['--base-url', `${s}=${u}`]);
  beforeAll(async () => {
    mocks = await startMocks({ root: vendorsRoot });
  }, 180_000);
  afterAll(async () => {
    await mocks?.stop();
  });

  it('JSON rows carry the source field of every value', { timeout: 180_000 }, async () => {
    const { code, stdout } = await models(['--live', '--json', ...baseUrls(mocks.urls)], keys);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.partial).toBe(false);
    expect(result.vendors.map((v: { slug: string; ok: boolean }) => [v.slug, v.ok]).sort()).toEqual(
      VENDORS.map((v) => [v, true]),
    );
    const llama = result.rows.find((r: { id: { value: string } }) => r.id.value === 'llama-3.3-70b');
    expect(llama).toMatchObject({
      vendor: 'kilo',
      id: { value: 'llama-3.3-70b', source: '/id' },
      contextLength: { value: 131072, source: '/context_length' },
      inputPrice: {
        perMillion: '0.8',
        currency: 'unknown',
        source: '/pricing/prompt',
        unitSource: '/pricing/unit',
      },
    });
  });

  it('the models.dev output validates against the schema the package ships', {
    timeout: 180_000,
  }, async () => {
    const { code, stdout } = await models(['--live', '--format', 'modelsdev', ...baseUrls(mocks.urls)], keys);
    expect(code).toBe(0);
    const api = JSON.parse(stdout);
    const schema = JSON.parse(readFileSync(join(packageDir, 'schema', 'models-dev-api.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(api), JSON.stringify(validate.errors)).toBe(true);
    expect(Object.keys(api).sort()).toEqual(VENDORS);
    expect(api.tokens).toMatchObject({
      npm: '@modelspecs/tokens',
      env: ['TOKENS_API_KEY'],
      api: mocks.urls.tokens,
    });
    expect(api.tokens.models['DeepSeek-R1']).toMatchObject({
      cost: { input: 5, output: 7 },
      limit: { context: 16384, output: 4096 },
    });
    expect(api.credits.models['claude-haiku']).toMatchObject({
      tool_call: true,
      cost: { input: 1.4, output: 7 },
    });
    // A price in an undocumented currency is not passed off as USD.
    expect(api.kilo.models['llama-3.3-70b'].cost).toBeUndefined();
    // The mock's example is not a valid document for a schema that refuses it: the check can fail.
    expect(validate({ x: { id: 'x', name: 'x', env: ['lower'], npm: 'n', models: {} } })).toBe(false);
  });

  it('one vendor down: the others are listed, the failure is named, exit 1', {
    timeout: 180_000,
  }, async () => {
    const down = `http://127.0.0.1:${await closedPort()}`;
    const { code, stdout } = await models(['--live', ...baseUrls({ ...mocks.urls, registry: down })], keys);
    expect(code).toBe(1);
    for (const vendor of VENDORS.filter((v) => v !== 'registry'))
      expect(stdout).toMatch(new RegExp(`^${vendor} `, 'm'));
    expect(stdout).not.toMatch(/^registry /m);
    expect(stdout).toMatch(/models from 4 of 5 vendors/);
    expect(stdout).toMatch(/^partial: registry: /m);
  });

  it('a vendor without its key is a partial result that names the env var, never a key (the bin)', {
    timeout: 180_000,
  }, async () => {
    const { code, stdout, stderr } = await bin(
      [
        '--live',
        '--vendor',
        'tokens,layers',
        '--format',
        'csv',
        ...baseUrls({ tokens: mocks.urls.tokens!, layers: mocks.urls.layers! }),
      ],
      { ...keys, LAYERS_API_KEY: '' },
    );
    expect(code).toBe(1);
    expect(stdout.split('\n')[0]).toMatch(/^vendor,id,name,provider,context_length/);
    expect(stdout).toMatch(/^tokens,DeepSeek-R1,/m);
    expect(stderr).toMatch(/^partial: layers: .*LAYERS_API_KEY/m);
    expect(`${stdout}${stderr}`).not.toContain(MOCK_KEY);
  });

  it('filters and sorts: --capability tools --min-context, sorted by context', {
    timeout: 180_000,
  }, async () => {
    const { code, stdout } = await models(
      [
        '--live',
        '--json',
        '--capability',
        'tools',
        '--min-context',
        '200000',
        '--sort',
        'context',
        ...baseUrls(mocks.urls),
      ],
      keys,
    );
    expect(code).toBe(0);
    const rows = JSON.parse(stdout).rows as {
      contextLength: { value: number };
      capabilities: { value: string[] };
    }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.contextLength.value).toBeGreaterThanOrEqual(200000);
      expect(row.capabilities.value).toContain('tools');
    }
    const contexts = rows.map((r) => r.contextLength.value);
    expect(contexts).toEqual([...contexts].sort((a, b) => b - a));
  });
});

describe('bad usage exits 2 with a message naming the flag', () => {
  it.each([
    [['--sort', 'cost'], /--sort: "cost" is not one of price, context, vendor/],
    [['--format', 'xml'], /--format: "xml" is not one of table, json, csv, modelsdev/],
    [['--vendor', 'acme'], /--vendor: unknown vendor "acme"/],
    [['--min-context', 'lots'], /--min-context: "lots" is not a whole number/],
    [['--base-url', 'kilo=http://127.0.0.1:1'], /--base-url needs --live/],
    [['--what'], /Unknown option '--what'/],
  ])('%j', { timeout: 120_000 }, async (args, message) => {
    const { code, stdout, stderr } = await models(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain(USAGE_HINT);
    expect(stdout).toBe('');
  });

  it('the bin too, on stderr', { timeout: 120_000 }, async () => {
    const { code, stdout, stderr } = await bin(['--sort', 'cost']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^modelspecs-models: --sort: "cost" is not one of price, context, vendor\n/);
    expect(stderr).toContain(USAGE_HINT);
    expect(stdout).toBe('');
  });
});
