import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExamples, collectExamples } from '../src/checks.js';
import { bundleSpec } from '../src/load.js';
import { fixtures } from './helpers.js';

describe('collectExamples', () => {
  it('finds named, referenced, parameter, header and schema examples with the schema each must satisfy', async () => {
    const doc = await bundleSpec(join(fixtures, 'valid.yaml'));
    const cases = collectExamples(doc).map((c) => [c.pointer, c.schemaPointer]);
    const media = '#/paths/~1models/get/responses/200/content/application~1json';
    expect(cases).toEqual(
      expect.arrayContaining([
        ['#/paths/~1models/get/parameters/0/example', '#/paths/~1models/get/parameters/0/schema'],
        [
          '#/paths/~1models/get/responses/200/headers/X-RateLimit-Remaining/example',
          '#/paths/~1models/get/responses/200/headers/X-RateLimit-Remaining/schema',
        ],
        [`${media}/examples/list/value`, `${media}/schema`],
        ['#/components/examples/OneModel/value', `${media}/schema`],
        ['#/components/schemas/Model/properties/id/examples/0', '#/components/schemas/Model/properties/id'],
        [
          '#/components/responses/Unauthorized/content/application~1json/examples/unauthorized/value',
          '#/components/responses/Unauthorized/content/application~1json/schema',
        ],
      ]),
    );
    expect(cases).toHaveLength(6);
  });

  it('fails a referenced example, a parameter example and a schema example that break their schemas', async () => {
    const doc = await bundleSpec(join(fixtures, 'valid.yaml'));
    const get = doc.paths!['/models']!.get!;
    (get.parameters![0] as { example: unknown }).example = 1000;
    (doc.components!.examples!.OneModel as { value: unknown }).value = { data: [{ created: 3 }] };
    (doc.components!.schemas!.Model!.properties as Record<string, { examples: unknown[] }>).id!.examples = [
      42,
    ];
    const { problems } = checkExamples(doc);
    expect(problems).toEqual([
      expect.stringMatching(/parameters\/0\/example: .* \(root\) must be <= 100/),
      expect.stringMatching(
        /components\/examples\/OneModel\/value: .* \/data\/0 must have required property 'id'/,
      ),
      expect.stringMatching(/Model\/properties\/id\/examples\/0: .* \(root\) must be string/),
    ]);
  });
});
