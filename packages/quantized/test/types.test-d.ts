import { describe, expectTypeOf, it } from 'vitest';
import { createQuantizedClient, type QuantizedModel, type QuantizedModelList, unwrap } from '../src/index.js';

const client = createQuantizedClient({ apiKey: 'example' });

describe('the Quantized client types', () => {
  it('types the answers from the spec', () => {
    expectTypeOf(unwrap(client.GET('/models'))).resolves.toEqualTypeOf<QuantizedModelList>();
    expectTypeOf<QuantizedModelList>().toEqualTypeOf<QuantizedModel[]>();
  });

  it('types the provider header', () => {
    client.GET('/models', { params: { header: { 'X-Quantized-Provider': 'anthropic' } } });
    // @ts-expect-error: not one of the documented providers
    client.GET('/models', { params: { header: { 'X-Quantized-Provider': 'tavily' } } });
    // @ts-expect-error: the header is X-Quantized-Provider
    client.GET('/models', { params: { header: { 'X-Provider': 'anthropic' } } });
  });

  it('rejects a path the API does not have', () => {
    // @ts-expect-error: no such path
    client.GET('/models/{model_id}', { params: { path: { model_id: 'x' } } });
  });
});
