import { describe, expectTypeOf, it } from 'vitest';
import {
  createMajestixClient,
  type MajestixClientOptions,
  type MajestixModel,
  type MajestixModelList,
  unwrap,
} from '../src/index.js';

const client = createMajestixClient({ apiKey: 'inf_example' });

describe('the Majestix client types', () => {
  it('types the answers from the spec', async () => {
    expectTypeOf(unwrap(client.GET('/models'))).resolves.toEqualTypeOf<MajestixModelList>();
    const { models } = await unwrap(client.GET('/models'));
    expectTypeOf(models).toEqualTypeOf<MajestixModel[]>();
  });

  it('takes the Firebase credential pair by scheme name', () => {
    createMajestixClient({ credentials: { firebaseIdToken: 'id-token', firebaseAppCheck: 'app-check' } });
    expectTypeOf<keyof NonNullable<MajestixClientOptions['credentials']>>().toEqualTypeOf<
      'apiKeyAuth' | 'firebaseIdToken' | 'firebaseAppCheck'
    >();
    // @ts-expect-error: no such security scheme
    createMajestixClient({ credentials: { firebaseToken: 'x' } });
  });

  it('rejects wrong paths and parameters', () => {
    // @ts-expect-error: no such path
    client.GET('/models/{model_id}');
    // @ts-expect-error: the list takes no query parameters
    client.GET('/models', { params: { query: { provider: 'openai' } } });
  });
});

describe('paginate', () => {
  it('is absent where the spec declares no paged list', () => {
    const majestix = createMajestixClient({ apiKey: 'example' });
    // @ts-expect-error: no list of Majestix is paged
    majestix.paginate('/models');
    expectTypeOf(majestix).not.toHaveProperty('paginate');
  });
});
