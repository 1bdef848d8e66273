import { SpecError } from './errors.js';
import { pagingDeclaration } from './extensions/paging-declaration.js';
import type { OpenApiDocument } from './openapi.js';
import type { Vendor } from './vendors.js';

/** What the generated entry of a client package exports, by name: the names its users import. */
export interface ClientEntryNames {
  factory: string;
  options: string;
  client: string;
  /** `[exported name, schema name]` for each of the vendor's `namedTypes`. */
  types: ReadonlyArray<readonly [string, string]>;
}

/**
 * The names of a vendor's client entry, from the facts its spec package declares (`modelspecs.clientName` and
 * `modelspecs.namedTypes` in `specs/<slug>/package.json`). A missing client name, or a named type the spec does not
 * define, is a spec error naming the manifest field.
 */
export function clientEntryNames(doc: OpenApiDocument, vendor: Vendor): ClientEntryNames {
  const where = `specs/${vendor.slug}/package.json`;
  const name = vendor.clientName;
  if (!name) {
    throw new SpecError(
      `${where}: "modelspecs.clientName" is missing: the client package's identifiers are named after it (e.g. "Acme" for createAcmeClient)`,
    );
  }
  const schemas = doc.components?.schemas ?? {};
  const unknown = vendor.namedTypes.filter((schema) => !Object.hasOwn(schemas, schema));
  if (unknown.length > 0) {
    throw new SpecError(
      `${where}: "modelspecs.namedTypes" names schemas the spec does not define`,
      unknown.map((schema) => `${where} modelspecs.namedTypes: no components.schemas.${schema} in the spec`),
    );
  }
  return {
    factory: `create${name}Client`,
    options: `${name}ClientOptions`,
    client: `${name}Client`,
    types: vendor.namedTypes.map((schema) => [`${name}${schema}`, schema] as const),
  };
}

/**
 * The generated entry of a client package (`src/generated/client.gen.ts`, below `header`), as text. A vendor whose
 * spec declares paged lists (the `paging` of its vendor facts) gets a client wrapped by `withPaging`, with
 * `paginate`; the others import and carry nothing of paging.
 */
export function renderClientEntry(doc: OpenApiDocument, vendor: Vendor, header: string): string {
  const { factory, options, client, types } = clientEntryNames(doc, vendor);
  const paged = pagingDeclaration(doc).length > 0;
  const aliases = types.map(
    ([alias, schema]) => `export type ${alias} = components['schemas']['${schema}'];\n`,
  );
  const runtimeImports = paged
    ? ['type ClientOptions', 'createVendorClient', 'type Paginated', 'type VendorClient', 'withPaging']
    : ['type ClientOptions', 'createVendorClient', 'type VendorClient'];
  const reexports = [
    'ApiError',
    'type ClientOptions',
    'ConnectionError',
    'type Credential',
    'CredentialError',
    'type Logger',
    'ModelspecsError',
    ...(paged ? ['PagingError'] : []),
    'ResponseTooLargeError',
    'TimeoutError',
    'UserAbortError',
    'unwrap',
    'type VendorFacts',
  ];
  const made = 'createVendorClient<paths, typeof vendor>(vendor, options)';
  return [
    header,
    `import { ${runtimeImports.join(', ')} } from '@modelspecs/client-runtime';\n`,
    "import type { components, paths } from './schema.gen.js';\n",
    "import { vendor } from './vendor.gen.js';\n",
    '\n',
    'export {\n',
    ...reexports.map((name) => `  ${name},\n`),
    "} from '@modelspecs/client-runtime';\n",
    "export type { components, operations, paths } from './schema.gen.js';\n",
    "export { vendor } from './vendor.gen.js';\n",
    '\n',
    `export type ${options} = ClientOptions<typeof vendor>;\n`,
    ...(paged
      ? [
          '/** The client; `paginate` walks the lists the spec declares paged. */\n',
          `export type ${client} = VendorClient<paths> & Paginated<paths, typeof vendor>;\n`,
        ]
      : [`export type ${client} = VendorClient<paths>;\n`]),
    '\n',
    `/** A typed client of the ${vendor.clientName} API. The API key comes from \`options.apiKey\` or the vendor's env var (\`vendor.envVar\`). */\n`,
    `export function ${factory}(options?: ${options}): ${client} {\n`,
    paged ? `  return withPaging(${made}, vendor);\n` : `  return ${made};\n`,
    '}\n',
    ...(aliases.length > 0
      ? ['\n', "/** The vendor's main objects, as its spec names them. */\n", ...aliases]
      : []),
  ].join('');
}
