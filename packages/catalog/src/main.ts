import { parseArgs } from 'node:util';
import { type CliOutput, UsageError } from '@modelspecs/spec-tools/cli';

export const USAGE_HINT = 'Run modelspecs-models --help for the flags.';

const usage = `Usage: modelspecs-models [--vendor a,b] [--format table|json|csv|modelsdev | --json] [--sort price|context|vendor]
                         [--min-context N] [--max-input-price P] [--capability NAME]... [--live [--base-url slug=URL]...]

Lists every vendor's models, normalized by what each spec declares: context and output limits, prices per 1M
tokens (exact decimals, in the vendor's currency, plus USD where the vendor documents the rate), capabilities.

By default it starts the vendors' mock servers (needs @modelspecs/mock) and lists their answers. --live calls the
vendors' APIs with the keys in their env vars (TENSORAS_API_KEY, ...).

Options:
  --vendor <a,b>            only these vendors (default: every vendor)
  --format <f>              table (default), json (rows with each value's source field), csv,
                            modelsdev (models.dev api.json shape)
  --json                    same as --format json
  --sort <key>              price (input price, cheapest first), context (largest first), vendor (default)
  --min-context <tokens>    only models with at least this context window
  --max-input-price <p>     only models whose input price is at most p USD per 1M tokens
                            (models priced in an undocumented currency are left out)
  --capability <name>       only models with this capability (tools, vision, ...); repeatable
  --live                    call the real APIs instead of mocks
  --base-url <slug=URL>     with --live: call this vendor at URL instead of its spec's server; repeatable
  -h, --help                this text

Exit codes: 0 every vendor answered, 1 a partial result (the others are still printed), 2 bad usage.`;

const options = {
  vendor: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  sort: { type: 'string' },
  'min-context': { type: 'string' },
  'max-input-price': { type: 'string' },
  capability: { type: 'string', multiple: true },
  live: { type: 'boolean' },
  'base-url': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag}: "${value}" is not one of ${allowed.join(', ')}`);
}

function baseUrls(pairs: readonly string[] | undefined): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const split = pair.indexOf('=');
    const slug = pair.slice(0, split);
    const url = pair.slice(split + 1);
    if (split < 1 || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new UsageError(
        `--base-url: give <vendor>=<http(s) URL>, e.g. tensoras=http://127.0.0.1:4010, not "${pair}"`,
      );
    }
    urls[slug] = url;
  }
  return urls;
}

/** The modelspecs-models command line: what its bin runs with the process's arguments and output. */
export async function main(argv: string[], output: CliOutput): Promise<number> {
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  const { values } = parseArgs({ args, options, strict: true, allowPositionals: false });
  if (values.help) {
    output.stdout(`${usage}\n`);
    return 0;
  }
  const { FORMATS, formatRows } = await import('./format.js');
  const { SORT_KEYS, filterRows, sortRows } = await import('./select.js');
  const { parseDecimal } = await import('./decimal.js');
  if (values.json && values.format !== undefined && values.format !== 'json') {
    throw new UsageError(`--json and --format ${values.format} exclude each other`);
  }
  const format = values.json ? 'json' : oneOf('--format', values.format, FORMATS, 'table');
  const sort = oneOf('--sort', values.sort, SORT_KEYS, 'vendor');
  const minContext = values['min-context'];
  if (minContext !== undefined && !/^\d+$/.test(minContext)) {
    throw new UsageError(`--min-context: "${minContext}" is not a whole number of tokens`);
  }
  const maxPrice = values['max-input-price'];
  if (maxPrice !== undefined && (!/^\d/.test(maxPrice) || !parseDecimal(maxPrice))) {
    throw new UsageError(`--max-input-price: "${maxPrice}" is not a decimal price such as 0.5`);
  }
  const urls = baseUrls(values['base-url']);
  if (Object.keys(urls).length > 0 && !values.live) {
    throw new UsageError('--base-url needs --live (the mocks have their own URLs)');
  }
  const { catalogVendors } = await import('./vendors.js');
  const { listCatalog } = await import('./list.js');
  const vendors = (await catalogVendors(values.vendor)).map((v) => v.slug);
  for (const slug of Object.keys(urls)) {
    if (!vendors.includes(slug))
      throw new UsageError(`--base-url: "${slug}" is not a listed vendor (${vendors.join(', ')})`);
  }

  let stop = async () => {};
  let clients: Record<string, { baseUrl?: string; apiKey?: string }> = {};
  if (values.live) {
    clients = Object.fromEntries(Object.entries(urls).map(([slug, baseUrl]) => [slug, { baseUrl }]));
  } else {
    const { startVendorMocks } = await import('./mocks.js');
    const mocks = await startVendorMocks(vendors);
    stop = mocks.stop;
    clients = mocks.clients;
  }
  try {
    const result = await listCatalog({ vendors, clients });
    const rows = sortRows(
      filterRows(result.rows, {
        ...(minContext !== undefined ? { minContext: Number(minContext) } : {}),
        ...(maxPrice !== undefined ? { maxInputPrice: maxPrice } : {}),
        ...(values.capability ? { capabilities: values.capability } : {}),
      }),
      sort,
    );
    output.stdout(`${formatRows(format, result, rows)}\n`);
    if (result.partial && format !== 'table') {
      for (const v of result.vendors.filter((v) => !v.ok)) output.stderr(`partial: ${v.slug}: ${v.error}\n`);
    }
    return result.partial ? 1 : 0;
  } finally {
    await stop();
  }
}
