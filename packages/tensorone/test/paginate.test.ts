import { startMocks } from '@modelspecs/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTensorOneClient } from '../src/index.js';

// paginate against the real Prism mock of the spec: its documented list answer is one last page.
let mocks: Awaited<ReturnType<typeof startMocks>>;
beforeAll(async () => {
  mocks = await startMocks({ vendors: ['tensorone'] });
});
afterAll(() => mocks?.stop());

describe('paginate against the TensorOne mock', () => {
  it('reads the documented page and stops where the answer says it is the last', async () => {
    const client = createTensorOneClient({ apiKey: 'mock-key', baseUrl: mocks.urls.tensorone! });
    const pages = [];
    for await (const page of client
      .paginate('/training/models', { params: { query: { limit: 20 } } })
      .pages()) {
      pages.push(page);
    }
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages[0]!.response.status).toBe(200);
    expect(pages[0]!.items.length).toBeGreaterThan(0);
    const last = pages.at(-1)!.data;
    // The last page says so: no "more" flag, or the total reached.
    expect(last.pagination?.hasMore === false || (last.pagination?.total ?? last.total) !== undefined).toBe(
      true,
    );
  });
});
