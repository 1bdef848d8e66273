import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleSpec } from '../src/load.js';
import { documentedResponse, findMediaType, firstJsonMediaType, isJsonMediaType } from '../src/lookup.js';
import { listOperations } from '../src/openapi.js';
import { DocumentSchemas } from '../src/schema-validator.js';
import { fixtures } from './helpers.js';

describe('lookup', () => {
  it('follows a $ref to where the response lives, so its schema compiles by pointer', async () => {
    const doc = await bundleSpec(join(fixtures, 'valid.yaml'));
    const [list] = listOperations(doc);
    const unauthorized = documentedResponse(doc, list!, 401)!;
    expect(unauthorized).toMatchObject({ key: '401', pointer: '#/components/responses/Unauthorized' });
    const json = firstJsonMediaType(unauthorized)!;
    expect(json.pointer).toBe('#/components/responses/Unauthorized/content/application~1json');
    const schemas = new DocumentSchemas(doc);
    expect(schemas.validate(`${json.pointer}/schema`, { error: { message: 'x' } })).toEqual([]);
    expect(schemas.validate(`${json.pointer}/schema`, {})).not.toEqual([]);
  });

  it('falls back from the exact status to its range, then to default, and finds media types by essence', async () => {
    const doc = await bundleSpec(join(fixtures, 'valid.yaml'));
    const [list] = listOperations(doc);
    expect(documentedResponse(doc, list!, 404)).toBeUndefined();
    list!.operation.responses!['4XX'] = { description: 'any client error' };
    list!.operation.responses!.default = { description: 'anything else' };
    expect(documentedResponse(doc, list!, 404)?.key).toBe('4XX');
    expect(documentedResponse(doc, list!, 503)?.key).toBe('default');
    const ok = documentedResponse(doc, list!, 200)!;
    expect(findMediaType(ok, 'application/json; charset=utf-8')?.mediaType).toBe('application/json');
    expect(findMediaType(ok, 'text/html')).toBeUndefined();
    expect(isJsonMediaType('application/problem+json')).toBe(true);
    expect(isJsonMediaType('text/plain')).toBe(false);
  });
});
