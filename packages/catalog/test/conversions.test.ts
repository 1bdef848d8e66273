// Model items through the catalog declarations of the fixture vendors (test/fixtures/five-vendors, whose declarations
// have the shapes the real vendors' have): exact numbers per 1M tokens, and what a declaration cannot read. Each real
// vendor's documented prices through its own declaration: the per-vendor suite (test/vendor/catalog.test.ts).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listItems, normalizeModel, normalizePrice } from '../src/normalize.js';
import { type CatalogVendor, catalogVendors } from '../src/vendors.js';

const vendorsRoot = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'five-vendors');
const vendors = new Map<string, CatalogVendor>();
const row = async (slug: string, item: unknown) => {
  if (!vendors.has(slug)) vendors.set(slug, (await catalogVendors([slug], vendorsRoot))[0]!);
  const declaration = vendors.get(slug)!.catalog!.declaration;
  return normalizeModel(slug, item, declaration)!;
};

describe('each declaration shape, on the fixture vendors', { timeout: 120_000 }, () => {
  it('0.0008 per 1K tokens (unit read from pricing.unit) is 0.8 per 1M, currency undocumented', async () => {
    const r = await row('kilo', {
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

  it('"0.00000500" USD per token (string or number) is 5 USD per 1M', async () => {
    const r = await row('tokens', {
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

  it('credits per 1K tokens at 1 credit = 0.001 USD; key/display_name as alternatives', async () => {
    const r = await row('credits', {
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

  it('price alternatives: the older shape per 1M (currency undocumented), the newer in micro-credits per token', async () => {
    const older = await row('layers', {
      id: 'openai/gpt-4.1-nano',
      name: 'GPT 4.1 Nano',
      cost: { prompt: 1, completion: 4, input_cache_read: 0.25 },
      input_modality: { text: true, image: true },
      output_modality: { text: true },
      supported_features: ['tool_calls', 'structured_output'],
      status: 'active',
    });
    expect(older.inputPrice).toMatchObject({ perMillion: '1', currency: 'unknown', source: '/cost/prompt' });
    expect(older.cachedInputPrice).toMatchObject({ perMillion: '0.25', currency: 'unknown' });
    expect(older.modalities).toEqual({
      input: { value: ['text', 'image'], source: '/input_modality' },
      output: { value: ['text'], source: '/output_modality' },
    });
    expect(older.capabilities?.value).toEqual(['tools', 'structured_output']);
    const newer = await row('layers', {
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

  it('a registry of trained models: type, status, base model and size, and no invented price', async () => {
    const r = await row('registry', {
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
});

describe('prices as a declaration reads them', { timeout: 120_000 }, () => {
  it('a unit its declaration does not document gives no price and says why', async () => {
    const r = await row('kilo', { id: 'x', pricing: { prompt: 1, completion: 2, unit: 'per_hour' } });
    expect(r.inputPrice).toBeUndefined();
    expect(r.problems).toEqual([
      '/pricing/unit: unit "per_hour" is not documented (known: per_1k_tokens)',
      '/pricing/unit: unit "per_hour" is not documented (known: per_1k_tokens)',
    ]);
  });

  it('a hostile item: no id gives no row, inherited keys are not read, a non-decimal price is a problem', async () => {
    expect(normalizeModel('x', { name: 'n' }, vendors.get('kilo')!.catalog!.declaration)).toBeUndefined();
    const r = await row(
      'tokens',
      JSON.parse('{"id":"m","__proto__":{"owned_by":"evil"},"pricing":{"prompt":"1e400x"}}'),
    );
    expect(r.provider).toBeUndefined();
    expect(r.problems).toEqual(['/pricing/prompt: "1e400x" is not a decimal price']);
  });
});

describe('values an item holds that its declaration cannot read', { timeout: 120_000 }, () => {
  it('a price without its unit field is a problem, and no price', async () => {
    const r = await row('kilo', { id: 'x', pricing: { prompt: 1, completion: 2 } });
    expect([r.inputPrice, r.outputPrice]).toEqual([undefined, undefined]);
    expect(r.problems).toEqual([
      '/pricing/unit: the price unit is missing',
      '/pricing/unit: the price unit is missing',
    ]);
  });

  it('a null price is no price and no problem; a boolean price is a problem', async () => {
    const r = await row('tokens', { id: 'x', pricing: { prompt: null, completion: true } });
    expect([r.inputPrice, r.outputPrice]).toEqual([undefined, undefined]);
    expect(r.problems).toEqual(['/pricing/completion: true is not a decimal price']);
  });

  it('an unreadable first alternative is a problem, and the next alternative gives the price', async () => {
    const r = await row('layers', {
      id: 'x',
      cost: { prompt: 'n/a', input_cost_per_micro_credit: '0.0016' },
    });
    expect(r.inputPrice).toMatchObject({ perMillion: '1600', source: '/cost/input_cost_per_micro_credit' });
    expect(r.problems).toEqual(['/cost/prompt: "n/a" is not a decimal price']);
  });

  it('counts are non-negative numbers; anything else is left out', async () => {
    const negative = await row('tokens', { id: 'x', context_length: -1, max_completion_tokens: '4096' });
    expect([negative.contextLength, negative.maxOutputTokens]).toEqual([undefined, undefined]);
    const zero = await row('tokens', { id: 'x', context_length: 0 });
    expect(zero.contextLength).toEqual({ value: 0, source: '/context_length' });
  });

  it('ids: a number is its decimal string, a null alternative is skipped, anything else gives no row', async () => {
    expect((await row('credits', { id: 42 })).id).toEqual({ value: '42', source: '/id' });
    const fallback = await row('credits', { id: null, key: 'k', name: null, display_name: 'K' });
    expect([fallback.id, fallback.name]).toEqual([
      { value: 'k', source: '/key' },
      { value: 'K', source: '/display_name' },
    ]);
    const declaration = vendors.get('credits')!.catalog!.declaration;
    expect(normalizeModel('credits', { id: true }, declaration)).toBeUndefined();
    expect(normalizeModel('credits', { id: { nested: 'x' } }, declaration)).toBeUndefined();
  });

  it('capability flags: only true counts, and flags that are not an object give none', async () => {
    const flags = await row('kilo', { id: 'x', capabilities: { function_calling: 1, streaming: true } });
    expect(flags.capabilities).toEqual({ value: ['streaming'], source: '/capabilities' });
    expect((await row('kilo', { id: 'x', capabilities: ['streaming'] })).capabilities).toBeUndefined();
    expect((await row('kilo', { id: 'x', capabilities: 'streaming' })).capabilities).toBeUndefined();
  });

  it('capability fields one by one: a present false is read, none present gives none', async () => {
    const off = await row('credits', { id: 'x', supports_vision: false, category: 'chat' });
    expect(off.capabilities).toEqual({ value: [], source: '/supports_vision' });
    expect(off.extra).toEqual({ category: { value: 'chat', source: '/category' } });
    const bare = await row('credits', { id: 'x' });
    expect(bare.capabilities).toBeUndefined();
    // An extra field the item lacks is no key at all, not a key holding undefined.
    expect(Object.keys(bare.extra)).toEqual([]);
  });

  it('a capability list keeps its strings only; a list that is not an array gives none', async () => {
    const listed = await row('layers', { id: 'x', supported_features: ['tool_calls', 3, null, 'vision'] });
    expect(listed.capabilities).toEqual({ value: ['tools', 'vision'], source: '/supported_features' });
    expect((await row('layers', { id: 'x', supported_features: 'tool_calls' })).capabilities).toBeUndefined();
  });

  it('modalities: each side only when present', async () => {
    const input = await row('layers', { id: 'x', input_modality: { text: true } });
    expect(input.modalities).toEqual({ input: { value: ['text'], source: '/input_modality' } });
    const output = await row('layers', { id: 'x', output_modality: { image: true } });
    expect(output.modalities).toEqual({ output: { value: ['image'], source: '/output_modality' } });
    expect((await row('layers', { id: 'x' })).modalities).toBeUndefined();
  });

  it('creation times: unix seconds and ISO 8601 as declared, anything else left out', async () => {
    expect((await row('kilo', { id: 'x', created: 0 })).created).toEqual({
      value: '1970-01-01T00:00:00.000Z',
      source: '/created',
    });
    expect((await row('kilo', { id: 'x', created: '1709123456' })).created).toBeUndefined();
    expect((await row('kilo', { id: 'x', created: 1e300 })).created).toBeUndefined();
    expect((await row('registry', { modelId: 'x', createdAt: '2024-01-15T10:30:00Z' })).created).toEqual({
      value: '2024-01-15T10:30:00.000Z',
      source: '/createdAt',
    });
    expect((await row('registry', { modelId: 'x', createdAt: 'yesterday' })).created).toBeUndefined();
    expect((await row('registry', { modelId: 'x', createdAt: 1705314600 })).created).toBeUndefined();
  });
});

describe('one price declaration, by hand', () => {
  const units: { from: string[]; values: Record<string, 'per-token' | 'per-1k'> } = {
    from: ['/unit'],
    values: { per_token: 'per-token', per_1k: 'per-1k' },
  };

  it('names every documented unit when the item states another, even one an object inherits', () => {
    for (const unit of ['per_hour', 'toString', '__proto__']) {
      expect(normalizePrice({ p: 1, unit }, { from: ['/p'], unitFrom: units, currency: 'USD' })).toEqual({
        problem: `/unit: unit "${unit}" is not documented (known: per_token, per_1k)`,
      });
    }
    expect(
      normalizePrice({ p: 1, unit: ['per_1k'] }, { from: ['/p'], unitFrom: units, currency: 'USD' }),
    ).toEqual({
      problem: '/unit: unit ["per_1k"] is not documented (known: per_token, per_1k)',
    });
  });

  it('names every place it looked for a missing unit', () => {
    expect(
      normalizePrice(
        { p: 1 },
        { from: ['/p'], unitFrom: { ...units, from: ['/unit', '/pricing/unit'] }, currency: 'USD' },
      ),
    ).toEqual({ problem: '/unit or /pricing/unit: the price unit is missing' });
  });

  it('gives no price without a unit, and converts with the rate it documents', () => {
    expect(normalizePrice({ p: 1 }, { from: ['/p'], currency: 'USD' })).toEqual({});
    expect(
      normalizePrice(
        { p: '1.5' },
        { from: ['/p'], unit: 'per-1k', currency: 'credits', usdPerUnit: '0.002' },
      ),
    ).toEqual({
      price: {
        perMillion: '1500',
        currency: 'credits',
        usdPerMillion: '3',
        listed: '1.5',
        unit: 'per-1k',
        source: '/p',
      },
    });
  });
});

describe('rows and list bodies', { timeout: 120_000 }, () => {
  it('a row carries only the dimensions the item has', async () => {
    const r = await row('layers', {
      id: 'x',
      name: 42,
      context_window: Number.POSITIVE_INFINITY,
      status: 'active',
    });
    expect(Object.keys(r).sort()).toEqual(['extra', 'id', 'problems', 'status', 'vendor']);
  });

  it('reads the items of a list body at the first pointer that holds an array', () => {
    expect(listItems({ models: 'none', data: [{ id: 'a' }] }, ['/models', '/data'])).toEqual([{ id: 'a' }]);
    expect(listItems({ models: [], data: [{ id: 'a' }] }, ['/models', '/data'])).toEqual([]);
    expect(listItems({ data: { id: 'a' } }, ['/models', '/data'])).toBeUndefined();
  });
});
