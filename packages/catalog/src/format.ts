// The catalog as a table for people, JSON rows, CSV, and the models.dev `api.json` shape.
import { formatColumns } from '@modelspecs/spec-tools/cli';
import type { CatalogResult, VendorResult } from './list.js';
import type { CatalogPrice, CatalogRow } from './normalize.js';

export const FORMATS = ['table', 'json', 'csv', 'modelsdev'] as const;
export type Format = (typeof FORMATS)[number];

const CURRENCY_LABEL = {
  USD: 'USD',
  credits: 'credits',
  'micro-credits': 'micro-credits',
  unknown: '?',
} as const;

function priceCell(price: CatalogPrice | undefined): string {
  if (!price) return '';
  return `${price.perMillion} ${CURRENCY_LABEL[price.currency]}`;
}

const columns: [string, (row: CatalogRow) => string][] = [
  ['vendor', (r) => r.vendor],
  ['model', (r) => r.id.value],
  ['provider', (r) => r.provider?.value ?? ''],
  ['context', (r) => (r.contextLength ? String(r.contextLength.value) : '')],
  ['max output', (r) => (r.maxOutputTokens ? String(r.maxOutputTokens.value) : '')],
  ['input /1M', (r) => priceCell(r.inputPrice)],
  ['output /1M', (r) => priceCell(r.outputPrice)],
  ['cached /1M', (r) => priceCell(r.cachedInputPrice)],
  [
    'USD in/out /1M',
    (r) =>
      r.inputPrice?.usdPerMillion
        ? `${r.inputPrice.usdPerMillion} / ${r.outputPrice?.usdPerMillion ?? '?'}`
        : '',
  ],
  ['capabilities', (r) => r.capabilities?.value.join(',') ?? ''],
  ['status', (r) => r.status?.value ?? ''],
];

function failures(vendors: readonly VendorResult[]): string[] {
  return vendors.filter((v) => !v.ok).map((v) => `${v.slug}: ${v.error}`);
}

/** The table for people, with a line per failed vendor under it. */
export function formatTable(result: CatalogResult, rows: readonly CatalogRow[] = result.rows): string {
  const table = formatColumns(
    columns.map(([name]) => name),
    rows.map((row) => columns.map(([, cell]) => cell(row))),
  );
  const notes = [
    `${rows.length} models from ${result.vendors.filter((v) => v.ok).length} of ${result.vendors.length} vendors; prices per 1M tokens in the vendor's currency ("?" = not documented).`,
    ...failures(result.vendors).map((line) => `partial: ${line}`),
  ];
  return `${table}\n\n${notes.join('\n')}`;
}

/** JSON rows with every source field, the vendors' outcomes and whether the result is partial. */
export function formatJson(result: CatalogResult, rows: readonly CatalogRow[] = result.rows): string {
  return JSON.stringify({ partial: result.partial, vendors: result.vendors, rows }, null, 2);
}

const csvCell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const CSV_HEADER = [
  'vendor',
  'id',
  'name',
  'provider',
  'context_length',
  'max_output_tokens',
  'input_per_1m',
  'output_per_1m',
  'cached_input_per_1m',
  'currency',
  'input_usd_per_1m',
  'output_usd_per_1m',
  'cached_input_usd_per_1m',
  'capabilities',
  'status',
  'created',
];

/** One line per model, prices per 1M tokens as exact decimals. */
export function formatCsv(rows: readonly CatalogRow[]): string {
  const lines = rows.map((r) =>
    [
      r.vendor,
      r.id.value,
      r.name?.value ?? '',
      r.provider?.value ?? '',
      r.contextLength?.value ?? '',
      r.maxOutputTokens?.value ?? '',
      r.inputPrice?.perMillion ?? '',
      r.outputPrice?.perMillion ?? '',
      r.cachedInputPrice?.perMillion ?? '',
      (r.inputPrice ?? r.outputPrice)?.currency ?? '',
      r.inputPrice?.usdPerMillion ?? '',
      r.outputPrice?.usdPerMillion ?? '',
      r.cachedInputPrice?.usdPerMillion ?? '',
      r.capabilities?.value.join(' ') ?? '',
      r.status?.value ?? '',
      r.created?.value ?? '',
    ]
      .map((v) => csvCell(String(v)))
      .join(','),
  );
  return [CSV_HEADER.join(','), ...lines].join('\n');
}

/** One model in models.dev's `api.json` shape: only what the vendor's answer states (see the README). */
export interface ModelsDevModel {
  id: string;
  name: string;
  tool_call?: boolean;
  reasoning?: boolean;
  attachment?: boolean;
  modalities?: { input: string[]; output: string[] };
  cost?: { input?: number; output?: number; cache_read?: number };
  limit?: { context?: number; output?: number };
  release_date?: string;
}

export interface ModelsDevProvider {
  id: string;
  name: string;
  env: string[];
  npm: string;
  api: string;
  doc?: string;
  models: Record<string, ModelsDevModel>;
}

const usd = (price: CatalogPrice | undefined) =>
  price?.usdPerMillion === undefined ? undefined : Number(price.usdPerMillion);

function modelsDevModel(row: CatalogRow): ModelsDevModel {
  const cost = {
    ...(usd(row.inputPrice) !== undefined ? { input: usd(row.inputPrice) } : {}),
    ...(usd(row.outputPrice) !== undefined ? { output: usd(row.outputPrice) } : {}),
    ...(usd(row.cachedInputPrice) !== undefined ? { cache_read: usd(row.cachedInputPrice) } : {}),
  };
  const limit = {
    ...(row.contextLength ? { context: row.contextLength.value } : {}),
    ...(row.maxOutputTokens ? { output: row.maxOutputTokens.value } : {}),
  };
  const input = row.modalities?.input?.value;
  const capabilities = row.capabilities?.value;
  return {
    id: row.id.value,
    name: row.name?.value ?? row.id.value,
    ...(capabilities ? { tool_call: capabilities.includes('tools') } : {}),
    ...(capabilities?.includes('reasoning') ? { reasoning: true } : {}),
    ...(input ? { attachment: input.some((m) => m !== 'text') } : {}),
    ...(row.modalities
      ? { modalities: { input: input ?? [], output: row.modalities.output?.value ?? [] } }
      : {}),
    ...(Object.keys(cost).length > 0 ? { cost } : {}),
    ...(Object.keys(limit).length > 0 ? { limit } : {}),
    ...(row.created ? { release_date: row.created.value.slice(0, 10) } : {}),
  };
}

/** The catalog as models.dev's `api.json`: providers keyed by vendor, models keyed by id. */
export function toModelsDev(
  result: CatalogResult,
  rows: readonly CatalogRow[] = result.rows,
): Record<string, ModelsDevProvider> {
  const providers: Record<string, ModelsDevProvider> = {};
  for (const vendor of result.vendors) {
    providers[vendor.slug] = {
      id: vendor.slug,
      name: vendor.name,
      env: [vendor.envVar],
      npm: vendor.clientPackage,
      api: vendor.baseUrl,
      ...(vendor.docs ? { doc: vendor.docs } : {}),
      models: {},
    };
  }
  for (const row of rows) {
    const provider = providers[row.vendor];
    if (provider) provider.models[row.id.value] = modelsDevModel(row);
  }
  return providers;
}

export function formatRows(
  format: Format,
  result: CatalogResult,
  rows: readonly CatalogRow[] = result.rows,
): string {
  switch (format) {
    case 'table':
      return formatTable(result, rows);
    case 'json':
      return formatJson(result, rows);
    case 'csv':
      return formatCsv(rows);
    case 'modelsdev':
      return JSON.stringify(toModelsDev(result, rows), null, 2);
  }
}
