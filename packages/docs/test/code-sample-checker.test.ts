import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, loadFixture, repoRoot } from './helpers.js';
import { markdownSamples, specSamples, typecheckSamples } from './support/code-samples.js';

const paths = { '@modelspecs/acme': join(fixtures, 'sample-client', 'index.ts') };

describe('the code-sample checker', () => {
  it('extracts the TypeScript samples of a spec, named by operation', async () => {
    const samples = specSamples(await loadFixture('acme/openapi.yaml'), 'acme');
    expect(samples.map((s) => s.origin)).toEqual(['listModels', 'getModel']);
    expect(samples[0]!.source).toContain("listAcmeModels('/models')");
  });

  it('extracts ```ts and ```typescript blocks of a README with their line', () => {
    const readme = [
      '# acme',
      '',
      '```sh',
      'pnpm add @modelspecs/acme',
      '```',
      '',
      '```ts',
      'const a = 1;',
      '```',
      '',
      '```typescript title="b.ts"',
      'const b = 2;',
      '```',
    ].join('\n');
    expect(markdownSamples(readme, 'acme', 'packages/acme/README.md')).toEqual([
      { vendor: 'acme', origin: 'packages/acme/README.md:8', source: 'const a = 1;\n', firstLine: 8 },
      { vendor: 'acme', origin: 'packages/acme/README.md:12', source: 'const b = 2;\n', firstLine: 12 },
    ]);
  });

  it('accepts samples that compile against the client', async () => {
    const samples = specSamples(await loadFixture('acme/openapi.yaml'), 'acme');
    expect(typecheckSamples(samples, { root: repoRoot, paths })).toEqual([]);
  });

  it('reports a sample calling a path the client does not have, with vendor, operation and line', async () => {
    const [listSample, getSample] = specSamples(await loadFixture('acme/openapi.yaml'), 'acme');
    const broken = { ...listSample!, source: listSample!.source.replace("'/models'", "'/modelz'") };
    const problems = typecheckSamples([broken, getSample!], { root: repoRoot, paths });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      vendor: 'acme',
      origin: 'listModels',
      line: 3,
      code: "const models = await listAcmeModels('/modelz');",
    });
    expect(problems[0]!.message).toMatch(/'"\/modelz"' is not assignable to parameter of type '"\/models"'/);
  });

  it('reports an import the mapping does not know', () => {
    const problems = typecheckSamples(
      [
        {
          vendor: 'acme',
          origin: 'x',
          source: "import { nope } from '@modelspecs/nope';\nnope();\n",
          firstLine: 1,
        },
      ],
      { root: repoRoot, paths },
    );
    expect(problems.map((p) => p.line)).toEqual([1]);
    expect(problems[0]!.message).toMatch(/Cannot find module '@modelspecs\/nope'/);
  });
});
