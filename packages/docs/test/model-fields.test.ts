import { describe, expect, it } from 'vitest';
import { modelDimensions } from '../src/model-fields.js';
import { loadFixture } from './helpers.js';

describe('modelDimensions', () => {
  it('reads the x-modelspecs-list catalog declaration: fields, units, currencies and absent reasons', async () => {
    const dims = modelDimensions(await loadFixture('acme/openapi.yaml'));
    expect(dims.operation).toBe('GET /models');
    expect(dims.dimensions.contextLength).toEqual({ fields: [{ pointer: '/context_window' }] });
    expect(dims.dimensions.maxOutputTokens).toEqual({ absent: 'Only the get body has limits.' });
    expect(dims.dimensions.inputPrice).toEqual({
      fields: [{ pointer: '/pricing/input', note: 'per 1M tokens · USD' }],
    });
    expect(dims.dimensions.outputPrice).toEqual({
      fields: [{ pointer: '/pricing/output', note: 'per token · credits (1 credit = 0.01 USD)' }],
    });
    expect(dims.dimensions.capabilities).toEqual({
      fields: [{ pointer: '/capabilities', note: 'names of the true flags' }],
    });
    expect(dims.dimensions.modalities).toEqual({
      fields: [{ pointer: '/input_modalities', label: 'input', note: 'list of names' }],
    });
  });

  it('does not guess: a spec without a declaration exposes nothing, whatever its fields are named', async () => {
    const doc = await loadFixture('acme/openapi.yaml');
    delete (doc.paths!['/models']!.get as Record<string, unknown>)['x-modelspecs-list'];
    // The schema still has context_window, pricing and capabilities: names are not read.
    expect(modelDimensions(doc)).toEqual({ dimensions: {} });
    expect(modelDimensions(await loadFixture('bare.yaml'))).toEqual({ dimensions: {} });
  });

  it('a renamed field is what the declaration says, not what its name suggests', async () => {
    const doc = await loadFixture('acme/openapi.yaml');
    const list = (doc.paths!['/models']!.get as Record<string, { catalog: Record<string, unknown> }>)[
      'x-modelspecs-list'
    ]!;
    list.catalog.contextLength = '/window_size';
    expect(modelDimensions(doc).dimensions.contextLength).toEqual({ fields: [{ pointer: '/window_size' }] });
  });

  it('names the problems of a malformed declaration instead of showing part of it', async () => {
    const doc = await loadFixture('acme/openapi.yaml');
    const list = (doc.paths!['/models']!.get as Record<string, { catalog: Record<string, unknown> }>)[
      'x-modelspecs-list'
    ]!;
    delete list.catalog.status;
    const dims = modelDimensions(doc);
    expect(dims.dimensions).toEqual({});
    expect(dims.error).toMatch(/x-modelspecs-list\/catalog: .*\bstatus\b/);
  });
});
