import { describe, expectTypeOf, it } from 'vitest';
import {
  type ApiError,
  createTensorasClient,
  type TensorasClientOptions,
  type TensorasModel,
  type TensorasModelList,
  unwrap,
} from '../src/index.js';

const client = createTensorasClient({ apiKey: 'tns_example' });

describe('the Tensoras client types', () => {
  it('types the answers from the spec', () => {
    expectTypeOf(unwrap(client.GET('/models'))).resolves.toEqualTypeOf<TensorasModelList>();
    expectTypeOf(
      unwrap(client.GET('/models/{model_id}', { params: { path: { model_id: 'llama-3.3-70b' } } })),
    ).resolves.toEqualTypeOf<TensorasModel>();
    expectTypeOf<TensorasModel['owned_by']>().toEqualTypeOf<string>();
    expectTypeOf<ApiError['status']>().toEqualTypeOf<number>();
  });

  it('rejects a path the API does not have', () => {
    // @ts-expect-error: no such path
    client.GET('/model');
    // @ts-expect-error: the path has no POST
    client.POST('/models');
  });

  it('rejects wrong or missing parameters', () => {
    // @ts-expect-error: the path parameter is model_id
    client.GET('/models/{model_id}', { params: { path: { id: 'x' } } });
    // @ts-expect-error: model_id is required
    client.GET('/models/{model_id}');
    // @ts-expect-error: model_id is a string
    client.GET('/models/{model_id}', { params: { path: { model_id: 42 } } });
  });

  it('takes only its own credentials', () => {
    expectTypeOf<{ credentials: { bearerAuth: string } }>().toExtend<TensorasClientOptions>();
    // @ts-expect-error: Tensoras has no such security scheme
    createTensorasClient({ credentials: { apiKeyAuth: 'x' } });
  });
});
