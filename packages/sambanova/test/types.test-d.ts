import { describe, expectTypeOf, it } from 'vitest';
import { createSambaNovaClient, type SambaNovaModel, type SambaNovaModelList, unwrap } from '../src/index.js';

const client = createSambaNovaClient({ apiKey: 'example' });

describe('the SambaNova client types', () => {
  it('types the answers from the spec', async () => {
    const list = await unwrap(client.GET('/models'));
    expectTypeOf(list).toExtend<SambaNovaModelList>();
    expectTypeOf<SambaNovaModelList>().toExtend<typeof list>();
    const model = await unwrap(
      client.GET('/models/{model_id}', { params: { path: { model_id: 'Meta-Llama-3.3-70B-Instruct' } } }),
    );
    expectTypeOf(model).toExtend<SambaNovaModel>();
    expectTypeOf<SambaNovaModel>().toExtend<typeof model>();
    expectTypeOf(model.id).toEqualTypeOf<string>();
  });

  it('rejects wrong paths and parameters', () => {
    // @ts-expect-error: no such path
    client.GET('/v1/models');
    // @ts-expect-error: the path parameter is model_id
    client.GET('/models/{model_id}', { params: { path: { modelId: 'x' } } });
    // @ts-expect-error: the list takes no query parameters
    client.GET('/models', { params: { query: { limit: 10 } } });
  });
});
