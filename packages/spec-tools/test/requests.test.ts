import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleSpec } from '../src/load.js';
import { listOperations } from '../src/openapi.js';
import { exampleRequest, fillPath } from '../src/requests.js';
import { fixtures } from './helpers.js';

describe('exampleRequest', () => {
  it('fills documented parameter examples and the first body example', async () => {
    const doc = await bundleSpec(join(fixtures, 'valid.yaml'));
    const [list] = listOperations(doc);
    expect(exampleRequest(doc, list!)).toEqual({
      method: 'GET',
      path: '/models',
      pathParams: {},
      query: { limit: 20 },
      headers: {},
    });
  });

  it('synthesizes required values inside their bounds and takes path overrides', async () => {
    const doc = await bundleSpec(join(fixtures, 'valid.yaml'));
    doc.paths!['/models/{model_id}'] = {
      post: {
        operationId: 'touch',
        parameters: [
          { name: 'model_id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'n', in: 'query', required: true, schema: { type: 'integer', minimum: 5, maximum: 9 } },
          { name: 'skip', in: 'query', schema: { type: 'integer' } },
        ],
        requestBody: {
          content: {
            'application/json': { schema: { type: 'object' }, examples: { a: { value: { x: 1 } } } },
          },
        },
        responses: {},
      },
    };
    const entry = listOperations(doc).find((e) => e.operation.operationId === 'touch')!;
    expect(exampleRequest(doc, entry)).toMatchObject({
      pathParams: { model_id: 'example-model_id' },
      query: { n: 5 },
      body: { x: 1 },
      contentType: 'application/json',
    });
    expect(exampleRequest(doc, entry, { pathParams: { model_id: 'a/b c' } }).pathParams).toEqual({
      model_id: 'a/b c',
    });
  });

  it('percent-encodes each path parameter as one segment', () => {
    expect(fillPath('/models/{id}/x', { id: '../a b/é' })).toBe('/models/..%2Fa%20b%2F%C3%A9/x');
    expect(fillPath('/models/{id}', { id: 'a..b' })).toBe('/models/a..b');
    for (const id of ['..', '.', '']) {
      expect(() => fillPath('/models/{id}', { id })).toThrow(/cannot be sent as a path segment/);
    }
    expect(() => fillPath('/models/{id}', {})).toThrow('No value for path parameter {id} of /models/{id}');
  });
});
