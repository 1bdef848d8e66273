import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { UsageError } from './errors.js';
import { CATALOG_DIMENSIONS } from './extensions/catalog.js';
import type { OpenApiDocument } from './openapi.js';
import { discoverVendors } from './vendors.js';
import { type OutputFile, writeFilesAtomically } from './write.js';

/** What `modelspecs-spec new-vendor` is told about a vendor. */
export interface NewVendorOptions {
  /** The one name used everywhere: folder, package suffix, Redocly alias. */
  slug: string;
  /** The vendor's display name (`info.x-vendor`). */
  name: string;
  /** The environment variable the clients read the API key from. */
  envVar: string;
  /** The default port of the vendor's mock. */
  port: number;
  /** The vendor's name in identifiers (`create<clientName>Client`); by default the slug's words, capitalized. */
  clientName?: string;
  /** The vendor's https base URL (`servers[0].url`). */
  baseUrl: string;
}

/** The catalog dimensions a scaffolded model object does not hold (it has an id and an owner only). */
const UNDOCUMENTED_DIMENSIONS = CATALOG_DIMENSIONS.filter((d) => d !== 'id' && d !== 'provider');

const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const ENV_VAR = /^[A-Z][A-Z0-9_]*$/;
const CLIENT_NAME = /^[A-Z][A-Za-z0-9]*$/;
// A display name goes into YAML, Markdown tables and TypeScript comments: one line, no markup.
const DISPLAY_NAME = /^[\p{L}\p{N}][\p{L}\p{N} .,&()'-]{0,79}$/u;

/** `acme-cloud` -> `AcmeCloud`: the default client name, written into the manifest where it is declared. */
const defaultClientName = (slug: string) =>
  slug
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** Every problem with the options for the repository at `root`, each naming its flag; empty when they are fine. */
export function newVendorProblems(root: string, options: NewVendorOptions): string[] {
  const problems: string[] = [];
  if (!SLUG.test(options.slug)) {
    problems.push(
      `<slug> "${options.slug}": use lower-case letters and digits, words joined by single hyphens (e.g. acme-cloud)`,
    );
  } else if (
    existsSync(join(root, 'specs', options.slug)) ||
    existsSync(join(root, 'packages', options.slug)) ||
    options.slug === 'tools'
  ) {
    problems.push(
      `<slug> "${options.slug}": specs/${options.slug} or packages/${options.slug} already exists (or the name is taken by a tool); pick another slug`,
    );
  }
  if (!DISPLAY_NAME.test(options.name)) {
    problems.push(
      `--name "${options.name}": give the vendor's display name, one line of up to 80 letters, digits, spaces and .,&()'-`,
    );
  }
  if (!ENV_VAR.test(options.envVar)) {
    problems.push(
      `--env-var "${options.envVar}": use an upper-case environment variable name, e.g. ACME_API_KEY`,
    );
  }
  if (options.clientName !== undefined && !CLIENT_NAME.test(options.clientName)) {
    problems.push(
      `--client-name "${options.clientName}": use letters and digits, upper-case first (e.g. Acme for createAcmeClient)`,
    );
  }
  if (!Number.isInteger(options.port) || options.port < 1024 || options.port > 65535) {
    problems.push(`--port ${options.port}: give the mock's port, an integer between 1024 and 65535`);
  } else {
    const owner = discoverVendors(root).find((v) => v.mockPort === options.port);
    if (owner)
      problems.push(`--port ${options.port}: already the mock port of ${owner.slug}; pick a free port`);
  }
  let url: URL | undefined;
  try {
    url = new URL(options.baseUrl);
  } catch {
    // reported below
  }
  if (url?.protocol !== 'https:' || url.search || url.hash || url.username || url.password) {
    problems.push(
      `--base-url "${options.baseUrl}": give the vendor's https base URL, without query, fragment or credentials`,
    );
  }
  return problems;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The curl and TypeScript samples of an operation: the vendor's own server URL, env var and client package. */
function codeSamples(o: Required<NewVendorOptions>, path: string, call: string) {
  return [
    {
      lang: 'curl',
      label: 'curl',
      source: `curl ${o.baseUrl.replace(/\/+$/, '')}${path} \\\n  -H "Authorization: Bearer $${o.envVar}"\n`,
    },
    {
      lang: 'TypeScript',
      label: 'TypeScript',
      source:
        `import { create${o.clientName}Client, unwrap } from '@modelspecs/${o.slug}';\n\n` +
        `const client = create${o.clientName}Client(); // reads ${o.envVar}\n${call}`,
    },
  ];
}

/** A minimal spec that lints, mocks and conforms: a list and a get operation with the project's declarations. */
function starterSpec(o: Required<NewVendorOptions>): OpenApiDocument {
  const errorResponse = (code: string, message: string) => ({
    description: `${message}.`,
    content: {
      'application/json': {
        schema: { $ref: '#/components/schemas/Error' },
        examples: { [code]: { summary: message, value: { error: { code, message } } } },
      },
    },
  });
  const model = { id: 'example-model', object: 'model', owned_by: o.slug };
  return {
    openapi: '3.1.0',
    info: {
      title: `${o.name} Models API`,
      version: 'v1',
      description:
        `The models endpoints of the ${o.name} API.\n\n` +
        `This OpenAPI description is maintained by the modelspecs project from the vendor's public documentation ` +
        `(${o.baseUrl}, replace with the reference page it is written from). It is not published or endorsed by ` +
        `${o.name}. The MIT license covers this description document only, not the vendor's API or service.\n\n` +
        'Conventions: response objects stay open (additional properties allowed) unless the vendor documents ' +
        'strictness; where sources disagree, every documented form is accepted and listed under `x-doc-discrepancies`.',
      contact: { name: o.name, url: o.baseUrl },
      license: { name: 'MIT', identifier: 'MIT' },
      'x-vendor': o.name,
      'x-origin': [{ url: o.baseUrl, format: 'html', retrieved: new Date().toISOString().slice(0, 7) }],
    },
    externalDocs: { description: `${o.name} API reference`, url: o.baseUrl },
    servers: [{ url: o.baseUrl, description: `${o.name} production API.` }],
    security: [{ bearerAuth: [] }],
    tags: [{ name: 'Models', description: `The models available on ${o.name}.` }],
    paths: {
      '/models': {
        get: {
          operationId: 'listModels',
          summary: 'List models',
          description: 'Returns every model currently available.',
          tags: ['Models'],
          'x-modelspecs-list': {
            items: '/data',
            id: '/id',
            get: { operationId: 'getModel', parameter: 'model_id' },
            // What the catalog and the reference's model table read from a model: replace each `absent` with
            // the field that holds it once the vendor documents one (see CONTRIBUTING.md, x-modelspecs-list).
            catalog: {
              id: '/id',
              provider: '/owned_by',
              ...Object.fromEntries(
                UNDOCUMENTED_DIMENSIONS.map((dimension) => [
                  dimension,
                  { absent: 'The model object of this scaffold has no such field yet.' },
                ]),
              ),
            },
          },
          'x-codeSamples': codeSamples(
            o,
            '/models',
            "const models = await unwrap(client.GET('/models'));\nfor (const model of models.data) console.log(model.id);\n",
          ),
          responses: {
            '200': {
              description: 'The available models.',
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/ModelList' },
                  examples: { models: { summary: 'One model', value: { object: 'list', data: [model] } } },
                },
              },
            },
            '401': { $ref: '#/components/responses/Unauthorized' },
          },
        },
      },
      '/models/{model_id}': {
        get: {
          operationId: 'getModel',
          summary: 'Get a model',
          description: 'Returns one model by its id.',
          tags: ['Models'],
          parameters: [
            {
              name: 'model_id',
              in: 'path',
              required: true,
              description: 'The id of the model, as the list gives it.',
              schema: { type: 'string', examples: ['example-model'] },
            },
          ],
          'x-codeSamples': codeSamples(
            o,
            '/models/example-model',
            "const model = await unwrap(client.GET('/models/{model_id}', { params: { path: { model_id: 'example-model' } } }));\n" +
              'console.log(model.id, model.owned_by);\n',
          ),
          responses: {
            '200': {
              description: 'The model.',
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/Model' },
                  examples: { model: { summary: 'A model', value: model } },
                },
              },
            },
            '400': { $ref: '#/components/responses/BadRequest' },
            '401': { $ref: '#/components/responses/Unauthorized' },
            '404': { $ref: '#/components/responses/NotFound' },
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: `The API key, sent as \`Authorization: Bearer <key>\`; the clients read it from \`${o.envVar}\`.`,
        },
      },
      schemas: {
        ModelList: {
          type: 'object',
          description: 'The list of models.',
          required: ['object', 'data'],
          properties: {
            object: { type: 'string', const: 'list', description: 'Always `list`.' },
            data: {
              type: 'array',
              description: 'The models.',
              items: { $ref: '#/components/schemas/Model' },
            },
          },
        },
        Model: {
          type: 'object',
          description: 'A model.',
          required: ['id', 'object', 'owned_by'],
          properties: {
            id: { type: 'string', description: 'The model id.', examples: ['example-model'] },
            object: { type: 'string', const: 'model', description: 'Always `model`.' },
            owned_by: { type: 'string', description: 'The organization that owns the model.' },
          },
        },
        Error: {
          type: 'object',
          description: 'The error envelope of every error response.',
          required: ['error'],
          'x-modelspecs-error': { message: '/error/message', code: '/error/code' },
          properties: {
            error: {
              type: 'object',
              description: 'What went wrong.',
              required: ['message'],
              properties: {
                message: { type: 'string', description: 'A human-readable message.' },
                code: { type: 'string', description: 'A machine-readable error code.' },
              },
            },
          },
        },
      },
      responses: {
        BadRequest: errorResponse('invalid_request', 'The request is malformed'),
        Unauthorized: errorResponse('invalid_api_key', 'The API key is missing or invalid'),
        NotFound: errorResponse('model_not_found', 'No model has this id'),
      },
    },
    'x-doc-discrepancies': [],
  } as unknown as OpenApiDocument;
}

function specPackageJson(o: Required<NewVendorOptions>): string {
  return json({
    name: `@modelspecs/spec-${o.slug}`,
    version: '0.1.0',
    description: `OpenAPI 3.1 description of the ${o.name} models API: the bundled document (JSON and YAML) and the vendor's facts.`,
    type: 'module',
    license: 'MIT',
    modelspecs: {
      envVar: o.envVar,
      mockPort: o.port,
      clientName: o.clientName,
      namedTypes: ['Model', 'ModelList', 'Error'],
    },
    exports: {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './facts.json': './dist/facts.json',
      './openapi.json': './dist/openapi.json',
      './openapi.yaml': './dist/openapi.yaml',
      './package.json': './package.json',
    },
    files: ['openapi.yaml', 'dist'],
    sideEffects: false,
    scripts: {
      lint: 'modelspecs-spec lint',
      build: 'modelspecs-spec bundle --lint',
      // The tools' per-vendor suites for this vendor alone (packages/*/test/vendor, vitest.vendor.config.ts).
      'test:vendor': 'vitest run --config ../../vitest.vendor.config.ts',
    },
    devDependencies: { '@modelspecs/spec-tools': 'workspace:*' },
  });
}

function clientPackageJson(o: NewVendorOptions): string {
  return json({
    name: `@modelspecs/${o.slug}`,
    version: '0.1.0',
    description: `Generated types and a thin typed fetch client for the ${o.name} models API.`,
    type: 'module',
    license: 'MIT',
    sideEffects: false,
    exports: {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './package.json': './package.json',
    },
    files: ['dist', 'src'],
    engines: { node: '>=20.19' },
    scripts: {
      generate: 'modelspecs-spec generate',
      'generate:check': 'modelspecs-spec generate --check',
      build: 'node ../../scripts/build-package.mjs',
      test: 'vitest run --config ../../vitest.config.ts',
    },
    dependencies: { '@modelspecs/client-runtime': 'workspace:*', 'openapi-fetch': '~0.17.0' },
    devDependencies: {
      '@modelspecs/mock': 'workspace:*',
      [`@modelspecs/spec-${o.slug}`]: 'workspace:*',
      '@modelspecs/spec-tools': 'workspace:*',
      '@modelspecs/testkit': 'workspace:*',
    },
  });
}

const INSTALL_SIZE = '<!-- install-size -->\n<!-- /install-size -->\n';

function specReadme(o: NewVendorOptions): string {
  return (
    `# @modelspecs/spec-${o.slug}\n\n` +
    `The OpenAPI 3.1 description of the ${o.name} models API, bundled: every \`$ref\` resolved, built from\n` +
    '[`openapi.yaml`](openapi.yaml) of this folder.\n\n' +
    `\`\`\`sh\nnpm install @modelspecs/spec-${o.slug}\n\`\`\`\n\n` +
    `The typed client is [\`@modelspecs/${o.slug}\`](../../packages/${o.slug}).\n\n## Install size\n\n${INSTALL_SIZE}`
  );
}

function clientReadme(o: Required<NewVendorOptions>): string {
  return (
    `# @modelspecs/${o.slug}\n\n` +
    `Generated types and a thin typed fetch client for the ${o.name} models API, built from\n` +
    `[\`specs/${o.slug}/openapi.yaml\`](../../specs/${o.slug}/openapi.yaml) with openapi-typescript and openapi-fetch, on\n` +
    '[`@modelspecs/client-runtime`](../client-runtime/README.md) (auth, timeouts, retries, typed errors).\n\n' +
    `\`\`\`sh\npnpm add @modelspecs/${o.slug}\n\`\`\`\n\n` +
    '## Usage\n\n' +
    `The API key comes from \`options.apiKey\` or the \`${o.envVar}\` environment variable.\n\n` +
    '```ts\n' +
    `import { create${o.clientName}Client, unwrap } from '@modelspecs/${o.slug}';\n\n` +
    `const client = create${o.clientName}Client({ apiKey: 'your-key' });\n` +
    "const models = await unwrap(client.GET('/models'));\n" +
    'for (const model of models.data) console.log(model.id);\n' +
    '```\n\n' +
    '## Types\n\n<!-- vendor-exports -->\n<!-- /vendor-exports -->\n\n' +
    `## Install size\n\n${INSTALL_SIZE}`
  );
}

const packageTest = (o: Required<NewVendorOptions>) =>
  "import { fileURLToPath } from 'node:url';\n" +
  "import { startMocks } from '@modelspecs/mock';\n" +
  "import { describeClientPackage } from '@modelspecs/testkit';\n" +
  "import * as client from '../src/index.js';\n\n" +
  'await describeClientPackage({\n' +
  `  slug: '${o.slug}',\n` +
  "  packageDir: fileURLToPath(new URL('..', import.meta.url)),\n" +
  '  module: client,\n' +
  `  createClient: client.create${o.clientName}Client,\n` +
  '  startMocks,\n' +
  '});\n';

/** `redocly.yaml` with the new spec's alias added under `apis:` (unchanged when it has no such list). */
function withRedoclyAlias(text: string, slug: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf('apis:');
  if (start < 0) return text;
  let end = start + 1;
  while (lines[end]?.startsWith('  ')) end++;
  lines.splice(end, 0, `  ${slug}:`, `    root: specs/${slug}/openapi.yaml`);
  return lines.join('\n');
}

/**
 * Writes `specs/<slug>` (a minimal spec and its package) and `packages/<slug>` (the client package: its entry is
 * generated by the build), and adds the spec's Redocly alias. Bad options are a UsageError naming each flag, and then
 * nothing is written; the files are written all or none.
 */
export function scaffoldVendor(root: string, options: NewVendorOptions): string[] {
  const problems = newVendorProblems(root, options);
  if (problems.length > 0) {
    throw new UsageError(`new-vendor: nothing written.\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const o = { ...options, clientName: options.clientName ?? defaultClientName(options.slug) };
  const spec = join(root, 'specs', o.slug);
  const client = join(root, 'packages', o.slug);
  const files: OutputFile[] = [
    { path: join(spec, 'openapi.yaml'), content: stringify(starterSpec(o), { lineWidth: 0 }) },
    { path: join(spec, 'package.json'), content: specPackageJson(o) },
    { path: join(spec, 'README.md'), content: specReadme(o) },
    { path: join(client, 'package.json'), content: clientPackageJson(o) },
    { path: join(client, 'README.md'), content: clientReadme(o) },
    { path: join(client, 'src', 'index.ts'), content: "export * from './generated/client.gen.js';\n" },
    { path: join(client, 'test', 'package.test.ts'), content: packageTest(o) },
    {
      path: join(client, 'tsconfig.json'),
      content: json({
        extends: '../../tsconfig.base.json',
        compilerOptions: { noEmit: true },
        include: ['src', 'test'],
      }),
    },
    {
      path: join(client, 'tsconfig.build.json'),
      content: json({
        extends: '../../tsconfig.base.json',
        compilerOptions: { noCheck: true, rootDir: 'src', outDir: 'dist' },
        include: ['src'],
        exclude: ['test', 'dist'],
      }),
    },
  ];
  const redocly = join(root, 'redocly.yaml');
  if (existsSync(redocly)) {
    const text = readFileSync(redocly, 'utf8');
    const updated = withRedoclyAlias(text, o.slug);
    if (updated !== text) files.push({ path: redocly, content: updated });
  }
  writeFilesAtomically(files);
  return files.map((f) => f.path.slice(root.length + 1));
}
