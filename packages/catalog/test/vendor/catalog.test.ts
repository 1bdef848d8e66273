// Each vendor's catalog (run by its spec package's `test:vendor` task; see vitest.vendor.config.ts): its models listed
// from its example mock and normalized by its spec's catalog declaration, as a table, JSON and models.dev, and its documented
// prices through that declaration, exact per 1M tokens. The CLI and the normalization rules are tested on fixture
// vendors by the package suite (test/cli.test.ts, test/conversions.test.ts).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVendorClient, type VendorFacts } from '@modelspecs/client-runtime';
import { MOCK_KEY } from '@modelspecs/mock';
import { bundleSpec, vendorFacts } from '@modelspecs/spec-tools';
import { sharedMocks, vendorsUnderTest } from '@modelspecs/testkit';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatRows } from '../../src/format.js';
import { type CatalogResult, listCatalog, type VendorClientLike } from '../../src/list.js';
import { normalizeModel } from '../../src/normalize.js';
import { type CatalogVendor, catalogVendors } from '../../src/vendors.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const repoRoot = join(packageDir, '..', '..');
const vendors = vendorsUnderTest(repoRoot);

const catalog = new Map<string, CatalogVendor>();
async function catalogVendor(slug: string): Promise<CatalogVendor> {
  if (!catalog.has(slug)) catalog.set(slug, (await catalogVendors([slug], repoRoot))[0]!);
  return catalog.get(slug)!;
}
const row = async (slug: string, item: unknown) =>
  normalizeModel(slug, item, (await catalogVendor(slug)).catalog!.declaration)!;

/**
 * The vendor's models from its shared example mock, through the client runtime with the facts its generated client
 * package carries (`vendorFacts`, what `modelspecs-spec generate` writes): the package itself is built from the spec by
 * a task this one does not wait for.
 */
async function listFromMock(slug: string): Promise<CatalogResult> {
  const { vendor } = await catalogVendor(slug);
  const facts = vendorFacts(await bundleSpec(vendor.specFile, repoRoot), vendor, '0.0.0') as VendorFacts;
  const client = createVendorClient(facts, { baseUrl: sharedMocks().urls[slug]!, apiKey: MOCK_KEY });
  return listCatalog({
    root: repoRoot,
    vendors: [slug],
    clients: { [slug]: client as unknown as VendorClientLike },
  });
}

// Each vendor's model objects, as its documentation shows them, through its spec's declaration.
const documentedPrices: Record<string, () => void> = {
  tensoras: () => {
    it('Tensoras: 0.0008 per 1K tokens (unit read from pricing.unit) is 0.8 per 1M, currency undocumented', async () => {
      const r = await row('tensoras', {
        id: 'llama-3.3-70b',
        owned_by: 'meta',
        created: 1709123456,
        context_length: 131072,
        capabilities: { function_calling: true, streaming: true, json_mode: false },
        pricing: { prompt: 0.0008, completion: 0.0002, unit: 'per_1k_tokens' },
      });
      expect(r.inputPrice).toEqual({
        perMillion: '0.8',
        currency: 'unknown',
        listed: 0.0008,
        unit: 'per-1k',
        source: '/pricing/prompt',
        unitSource: '/pricing/unit',
      });
      expect(r.outputPrice?.perMillion).toBe('0.2');
      expect(r.inputPrice?.usdPerMillion).toBeUndefined();
      expect(r.capabilities).toEqual({ value: ['tools', 'streaming'], source: '/capabilities' });
      expect(r.created).toEqual({ value: '2024-02-28T12:30:56.000Z', source: '/created' });
      expect(r.provider).toEqual({ value: 'meta', source: '/owned_by' });
    });
  },
  sambanova: () => {
    it('SambaNova: "0.00000500" USD per token (string or number) is 5 USD per 1M', async () => {
      const r = await row('sambanova', {
        id: 'DeepSeek-R1',
        context_length: 16384,
        max_completion_tokens: 4096,
        pricing: { prompt: '0.00000500', completion: 0.000007 },
      });
      expect(r.inputPrice).toMatchObject({
        perMillion: '5',
        usdPerMillion: '5',
        currency: 'USD',
        listed: '0.00000500',
      });
      expect(r.outputPrice).toMatchObject({ perMillion: '7', usdPerMillion: '7', currency: 'USD' });
      expect(r.maxOutputTokens).toEqual({ value: 4096, source: '/max_completion_tokens' });
    });
  },
  majestix: () => {
    it('Majestix: credits per 1K tokens at 1 credit = 0.001 USD; key/display_name as alternatives', async () => {
      const r = await row('majestix', {
        key: 'claude-haiku',
        display_name: 'Claude Haiku',
        cost_per_1k_input: 1.4,
        cost_per_1k_output: 7,
        supports_tools: true,
        supports_vision: false,
      });
      expect(r.id).toEqual({ value: 'claude-haiku', source: '/key' });
      expect(r.name).toEqual({ value: 'Claude Haiku', source: '/display_name' });
      expect(r.inputPrice).toMatchObject({ perMillion: '1400', currency: 'credits', usdPerMillion: '1.4' });
      expect(r.outputPrice).toMatchObject({ perMillion: '7000', usdPerMillion: '7' });
      expect(r.capabilities).toEqual({ value: ['tools'], source: '/supports_tools, /supports_vision' });
    });
  },
  quantized: () => {
    it('Quantized: the older shape per 1M (currency undocumented), the newer in micro-credits per token', async () => {
      const older = await row('quantized', {
        id: 'openai/gpt-4.1-nano',
        name: 'GPT 4.1 Nano',
        cost: { prompt: 1, completion: 4, input_cache_read: 0.25 },
        input_modality: { text: true, image: true },
        output_modality: { text: true },
        supported_features: ['tool_calls', 'structured_output'],
        status: 'active',
      });
      expect(older.inputPrice).toMatchObject({
        perMillion: '1',
        currency: 'unknown',
        source: '/cost/prompt',
      });
      expect(older.cachedInputPrice).toMatchObject({ perMillion: '0.25', currency: 'unknown' });
      expect(older.modalities).toEqual({
        input: { value: ['text', 'image'], source: '/input_modality' },
        output: { value: ['text'], source: '/output_modality' },
      });
      expect(older.capabilities?.value).toEqual(['tools', 'structured_output']);
      const newer = await row('quantized', {
        id: 'openai/gpt-4.1-mini',
        name: 'GPT-4.1 Mini',
        cost: { input_cost_per_micro_credit: 0.0016, output_cost_per_micro_credit: 0.0064 },
        context_window: 1047576,
      });
      expect(newer.inputPrice).toMatchObject({
        perMillion: '1600',
        currency: 'micro-credits',
        source: '/cost/input_cost_per_micro_credit',
      });
      expect(newer.outputPrice?.perMillion).toBe('6400');
      expect(newer.inputPrice?.usdPerMillion).toBeUndefined();
    });
  },
  tensorone: () => {
    it('TensorOne: trained models with type, status, base model and size, and no invented price', async () => {
      const r = await row('tensorone', {
        modelId: 'model_1',
        name: 'support-bot',
        modelType: 'llm',
        status: 'completed',
        baseModel: 'meta-llama/Llama-2-7b-hf',
        size: { parameters: 7000000000 },
        createdAt: '2024-01-15T10:30:00Z',
      });
      expect(r.id).toEqual({ value: 'model_1', source: '/modelId' });
      expect(r.status).toEqual({ value: 'completed', source: '/status' });
      expect(r.extra).toEqual({
        type: { value: 'llm', source: '/modelType' },
        baseModel: { value: 'meta-llama/Llama-2-7b-hf', source: '/baseModel' },
        parameters: { value: 7000000000, source: '/size/parameters' },
      });
      expect([r.inputPrice, r.outputPrice, r.cachedInputPrice, r.contextLength]).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
    });
  },
};

describe.each(vendors.map((v) => v.slug))('the catalog of %s', { timeout: 180_000 }, (slug) => {
  let result: CatalogResult;
  beforeAll(async () => {
    result = await listFromMock(slug);
  }, 180_000);

  it('lists its example models in a table, every value with its source field', () => {
    expect(result.partial, JSON.stringify(result.vendors)).toBe(false);
    expect(result.vendors.map((v) => [v.slug, v.ok])).toEqual([[slug, true]]);
    expect(result.rows.length).toBeGreaterThan(0);
    const table = formatRows('table', result);
    expect(table).toMatch(new RegExp(`^${slug} `, 'm'));
    expect(table).toMatch(/models from 1 of 1 vendors/);
    const rows = JSON.parse(formatRows('json', result)).rows as { id: { value: string; source: string } }[];
    for (const r of rows) expect(r.id.source, `${slug} ${r.id.value}`).toMatch(/^\//);
    if (slug === 'sambanova') {
      // SambaNova's "0.00000500" USD per token is 5 USD per 1M.
      expect(table).toMatch(/^sambanova\s+DeepSeek-R1\s.*\s5 USD\s+7 USD\s+5 \/ 7/m);
    }
    if (slug === 'tensoras') {
      expect(rows.find((r) => r.id.value === 'llama-3.3-70b')).toMatchObject({
        vendor: 'tensoras',
        id: { value: 'llama-3.3-70b', source: '/id' },
        contextLength: { value: 131072, source: '/context_length' },
        inputPrice: {
          perMillion: '0.8',
          currency: 'unknown',
          source: '/pricing/prompt',
          unitSource: '/pricing/unit',
        },
      });
    }
  });

  it('its models.dev output validates against the schema the package ships', () => {
    const api = JSON.parse(formatRows('modelsdev', result));
    const schema = JSON.parse(readFileSync(join(packageDir, 'schema', 'models-dev-api.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(api), JSON.stringify(validate.errors)).toBe(true);
    expect(Object.keys(api)).toEqual([slug]);
    const vendor = vendors.find((v) => v.slug === slug)!;
    expect(api[slug]).toMatchObject({ npm: vendor.clientPackage, env: [vendor.envVar] });
    if (slug === 'sambanova') {
      expect(api.sambanova.models['DeepSeek-R1']).toMatchObject({
        cost: { input: 5, output: 7 },
        limit: { context: 16384, output: 4096 },
      });
    }
    if (slug === 'majestix') {
      // Majestix's 1.4 credits per 1K is 1.4 USD per 1M (1 credit = 0.001 USD).
      expect(api.majestix.models['claude-haiku']).toMatchObject({
        tool_call: true,
        cost: { input: 1.4, output: 7 },
      });
    }
    // A price in an undocumented currency is not passed off as USD.
    if (slug === 'tensoras') expect(api.tensoras.models['llama-3.3-70b'].cost).toBeUndefined();
  });

  documentedPrices[slug]?.();
});
