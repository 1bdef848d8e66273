import { describe, expectTypeOf, it } from 'vitest';
import {
  createTensorOneClient,
  type TensorOneDeployModelResponse,
  type TensorOneModel,
  type TensorOneModelList,
  unwrap,
} from '../src/index.js';

const client = createTensorOneClient({ apiKey: 'example' });
const modelId = 'model_1234567890abcdef';

describe('the TensorOne client types', () => {
  it('types the answers from the spec', async () => {
    const list = await unwrap(client.GET('/training/models'));
    expectTypeOf(list).toExtend<TensorOneModelList>();
    expectTypeOf<TensorOneModelList>().toExtend<typeof list>();
    const model = await unwrap(client.GET('/training/models/{modelId}', { params: { path: { modelId } } }));
    expectTypeOf(model).toExtend<TensorOneModel>();
    expectTypeOf<TensorOneModel>().toExtend<typeof model>();
    const deployed = await unwrap(
      client.POST('/training/models/{modelId}/deploy', {
        params: { path: { modelId } },
        body: { name: 'support-v2', environment: 'production', gpuType: 'a100', workers: 3 },
      }),
    );
    expectTypeOf(deployed).toExtend<TensorOneDeployModelResponse>();
    expectTypeOf<TensorOneDeployModelResponse>().toExtend<typeof deployed>();
  });

  it('rejects a wrong body field, even in an all-optional body', () => {
    client.POST('/training/models/{modelId}/deploy', {
      params: { path: { modelId } },
      // @ts-expect-error: the field is gpuType
      body: { gpu: 'a100' },
    });
    client.POST('/training/models/{modelId}/deploy', {
      params: { path: { modelId } },
      // @ts-expect-error: the field is minWorkers
      body: { scaling: { minWorkerz: 1 } },
    });
    client.POST('/training/models/{modelId}/deploy', {
      params: { path: { modelId } },
      // @ts-expect-error: workers is a number
      body: { workers: 'three' },
    });
    // @ts-expect-error: the field is models
    client.POST('/training/models/compare', { body: { modelz: [modelId] } });
  });

  it('rejects wrong parameters', () => {
    // @ts-expect-error: the query parameter is limit
    client.GET('/training/models', { params: { query: { limt: 20 } } });
    // @ts-expect-error: the sort order is asc or desc
    client.GET('/training/models', { params: { query: { order: 'up' } } });
    // @ts-expect-error: the path parameter is modelId
    client.GET('/training/models/{modelId}', { params: { path: { model_id: modelId } } });
    // @ts-expect-error: the path has no PUT
    client.PUT('/training/models/{modelId}', { params: { path: { modelId } } });
  });
});

describe('paginate', () => {
  it('walks the list the spec declares paged, typed by its items', async () => {
    for await (const model of client.paginate('/training/models', {
      params: { query: { status: 'ready', limit: 20 } },
    })) {
      expectTypeOf(model).toEqualTypeOf<TensorOneModelList['models'][number]>();
    }
    for await (const page of client.paginate('/training/models', { maxPages: 3 }).pages()) {
      expectTypeOf(page.items).toEqualTypeOf<TensorOneModelList['models']>();
      expectTypeOf(page.data).toEqualTypeOf<TensorOneModelList>();
    }
    // @ts-expect-error: only declared lists are paged
    client.paginate('/training/models/{modelId}', { params: { path: { modelId } } });
    // @ts-expect-error: the list's own parameters are checked
    client.paginate('/training/models', { params: { query: { stauts: 'ready' } } });
  });
});
