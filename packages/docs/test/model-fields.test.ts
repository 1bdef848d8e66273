import { describe, expect, it } from 'vitest';
import { currencyOf, findModelSchemas, modelDimensions, rateOf } from '../src/model-fields.js';
import { loadFixture } from './helpers.js';

describe('findModelSchemas', () => {
  it('takes the items of the list operation and the body of the get operation', async () => {
    const doc = await loadFixture('acme/openapi.yaml');
    const sources = findModelSchemas(doc).map(({ raw: _raw, ...s }) => s);
    expect(sources).toEqual([
      {
        operationId: 'listModels',
        method: 'GET',
        path: '/models',
        role: 'list',
        schema: '#/components/schemas/Model',
      },
      {
        operationId: 'getModel',
        method: 'GET',
        path: '/models/{model_id}',
        role: 'get',
        schema: '#/components/schemas/ModelDetail',
      },
    ]);
  });

  it('finds nothing in a spec without a models collection', async () => {
    expect(findModelSchemas(await loadFixture('bare.yaml'))).toEqual([]);
  });
});

describe('modelDimensions', () => {
  it('reports each dimension with its field path, unit and the operations that carry it', async () => {
    const dims = modelDimensions(await loadFixture('acme/openapi.yaml'));
    expect(dims.contextLength).toEqual([
      {
        path: 'context_window',
        unit: 'tokens',
        description: 'Maximum context, in tokens.',
        operations: ['listModels', 'getModel'],
      },
    ]);
    // Only the get body (allOf with a nested limits object) has it: the list items do not.
    expect(dims.maxOutput).toEqual([
      {
        path: 'limits.max_output_tokens',
        unit: 'tokens',
        description: 'Longest answer, in tokens.',
        operations: ['getModel'],
      },
    ]);
  });

  it('reads pricing units and currencies from the field, falling back to the pricing object', async () => {
    const { pricing } = modelDimensions(await loadFixture('acme/openapi.yaml'));
    expect(pricing.map(({ path, unit, currency }) => ({ path, unit, currency }))).toEqual([
      // The field says nothing about units: the pricing object's description does.
      { path: 'pricing.input', unit: 'USD per 1M tokens', currency: 'USD' },
      { path: 'pricing.output', unit: 'credits per token', currency: 'credits (1 credit = 0.01 USD)' },
    ]);
  });

  it('lists capability groups with their members, supports_* flags and modality lists', async () => {
    const { capabilities } = modelDimensions(await loadFixture('acme/openapi.yaml'));
    expect(capabilities.map(({ path, members }) => ({ path, members }))).toEqual([
      { path: 'capabilities', members: ['tools', 'vision'] },
      { path: 'supports_streaming', members: undefined },
      { path: 'input_modalities', members: ['text', 'image'] },
    ]);
  });

  it('reports nothing (not a guess) for a spec with no model schema', async () => {
    const dims = modelDimensions(await loadFixture('bare.yaml'));
    expect(dims).toEqual({ sources: [], contextLength: [], maxOutput: [], pricing: [], capabilities: [] });
  });
});

describe('rateOf', () => {
  it.each([
    ['Price per prompt token, in USD per token.', 'USD per token'],
    [
      'Cost in credits per 1k (1,000) input tokens. 1 credit = 0.001 USD.',
      'credits per 1k (1,000) input tokens',
    ],
    [
      'Cost per million input tokens, in cost units per 1M tokens (currency undocumented).',
      'cost units per 1M tokens',
    ],
    ['Input-side rate, in micro-credits per token (as the page describes it).', 'micro-credits per token'],
    ['Cost per unit (see `unit`) for prompt tokens.', 'per unit (see `unit`)'],
    ['Price per input hour (for models priced by duration).', 'per input hour'],
    ['The price.', undefined],
  ])('%s -> %s', (description, rate) => {
    expect(rateOf(description)).toBe(rate);
  });
});

describe('currencyOf', () => {
  it.each([
    ['Price per prompt token, in USD per token.', 'USD'],
    ['Cost in credits per 1k tokens. 1 credit = 0.001 USD.', 'credits (1 credit = 0.001 USD)'],
    ['in micro-credits per token', 'micro-credits'],
    ['cost units per 1M tokens (currency undocumented)', 'not stated'],
    ['Currency not stated on the models page.', 'not stated'],
    ['which does not restate the currency for this field', 'not stated'],
    ['Cost per unit.', undefined],
  ])('%s -> %s', (description, currency) => {
    expect(currencyOf(description)).toBe(currency);
  });
});
