import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../src/errors.js';
import { catalogDeclaration } from '../src/extensions/catalog-declaration.js';
import { extensionViolations } from '../src/extensions/validate.js';
import { lintSpecFile, REDOCLY_CHECK } from '../src/lint.js';
import { bundleSpec } from '../src/load.js';
import { fixtures, repoRoot, tempWorkspace } from './helpers.js';

const source = readFileSync(join(fixtures, 'catalog.yaml'), 'utf8');

/** The catalog fixture with one edit, linted from a real file (so that line and column are real). */
async function catalogProblems(from?: string, to?: string): Promise<string[]> {
  if (from !== undefined && !source.includes(from)) throw new Error(`fixture lacks ${from}`);
  const { root, specDir } = tempWorkspace('catalog.yaml');
  const file = join(specDir, 'openapi.yaml');
  writeFileSync(file, from === undefined ? source : source.replace(from, to ?? ''));
  const report = await lintSpecFile(file, root);
  const rule = ' (modelspecs/catalog)';
  return report.checks
    .find((c) => c.name === REDOCLY_CHECK)!
    .problems.filter((p) => p.endsWith(rule))
    .map((p) => p.slice(0, -rule.length));
}

/** The fixture's list declaration, to break on purpose. */
type Declaration = { catalog: { [dimension: string]: Record<string, unknown> } };
const listOf = (doc: Awaited<ReturnType<typeof bundleSpec>>) =>
  (doc.paths!['/models']!.get as unknown as Record<string, Declaration>)['x-modelspecs-list']!;

const AT = 'specs/acme/openapi\\.yaml:\\d+:\\d+ #/paths/~1models/get/x-modelspecs-list/catalog';

describe('the catalog declaration lint', () => {
  it('passes on a complete, resolving declaration', async () => {
    expect(await catalogProblems()).toEqual([]);
  });

  it('fails on a pointer to nowhere, naming file:line:col and the pointer', async () => {
    expect(await catalogProblems('contextLength: /context_length', 'contextLength: /context_size')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${AT}/contextLength: "/context_size" points to nowhere in #/components/schemas/Model: the schema describes no contextLength there$`,
        ),
      ),
    ]);
  });

  it('fails on a pointer to a property of the wrong type', async () => {
    expect(await catalogProblems('provider: /owned_by', 'provider: /created')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${AT}/provider: "/created" reaches integer in #/components/schemas/Model, but the provider must be string$`,
        ),
      ),
    ]);
  });

  it('fails on an unknown unit, fixed or read at run time', async () => {
    expect(await catalogProblems('unit: per-1k', 'unit: per-1b')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${AT}/inputPrice/unit: unknown price unit "per-1b": the catalog knows per-token, per-1k, per-1m$`,
        ),
      ),
    ]);
    expect(await catalogProblems('per_1m_tokens: per-1m', 'per_1m_tokens: per-million')).toEqual([
      expect.stringMatching(
        new RegExp(`^${AT}/outputPrice/unitFrom/values/per_1m_tokens: unknown price unit "per-million"`),
      ),
    ]);
  });

  it('fails on a missing dimension', async () => {
    expect(await catalogProblems('          status: { absent: No status is documented. }\n', '')).toEqual([
      expect.stringMatching(
        new RegExp(`^${AT}: dimension "status" is missing: give its pointer, or \\{ absent: "<why>" \\}`),
      ),
    ]);
  });

  it('fails on an undeclared currency and on an absent dimension without a reason', async () => {
    const problems = await catalogProblems('currency: USD', 'currency: EUR');
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^${AT}/outputPrice/currency: currency "EUR" is not one of`)),
    ]);
    expect(await catalogProblems('{ absent: No status is documented. }', "{ absent: '' }")).toEqual([
      expect.stringMatching(new RegExp(`^${AT}/status/absent: say why`)),
    ]);
  });

  it('the reader refuses a broken declaration with every problem and its pointer', async () => {
    const doc = await bundleSpec(join(fixtures, 'catalog.yaml'), repoRoot);
    const list = listOf(doc);
    delete list.catalog.name;
    list.catalog.inputPrice!.unit = 'per-gallon';
    expect(() => catalogDeclaration(doc)).toThrow(SpecError);
    try {
      catalogDeclaration(doc);
    } catch (error) {
      expect((error as SpecError).problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^#\/paths\/~1models\/get\/x-modelspecs-list\/catalog: .*\bname\b/),
          expect.stringMatching(/^#\/paths\/~1models\/get\/x-modelspecs-list\/catalog\/inputPrice\b/),
        ]),
      );
    }
  });
});

describe('catalogDeclaration', () => {
  it('reads the typed declaration: pointers as alternatives, prices as a list of alternatives', async () => {
    const doc = await bundleSpec(join(fixtures, 'catalog.yaml'), repoRoot);
    const entry = catalogDeclaration(doc)!;
    expect(entry.items).toEqual(['/data']);
    expect(entry.pointer).toBe('#/paths/~1models/get/x-modelspecs-list/catalog');
    expect(entry.declaration.id).toEqual(['/id']);
    expect(entry.declaration.inputPrice).toEqual([
      { from: ['/pricing/input'], unit: 'per-1k', currency: 'credits', usdPerUnit: '0.001' },
    ]);
    expect(entry.declaration.outputPrice).toEqual([
      {
        from: ['/pricing/output'],
        unitFrom: { from: ['/pricing/unit'], values: { per_1m_tokens: 'per-1m' } },
        currency: 'USD',
      },
    ]);
    expect(entry.declaration.name).toEqual({ absent: 'The model object has no display name.' });
  });

  it('is undefined for a spec that declares no catalog', async () => {
    expect(catalogDeclaration(await bundleSpec(join(fixtures, 'valid.yaml'), repoRoot))).toBeUndefined();
  });

  // Each vendor's own declaration is checked against the schema in its per-vendor suite
  // (test/vendor/declarations.test.ts).
  it("a declaration matches the extensions' JSON Schema, and a bad unit or currency does not", async () => {
    const doc = await bundleSpec(join(fixtures, 'catalog.yaml'), repoRoot);
    const list = listOf(doc);
    expect(extensionViolations('x-modelspecs-list', list)).toEqual([]);
    list.catalog.inputPrice!.unit = 'per-1b';
    list.catalog.outputPrice!.currency = 'EUR';
    delete list.catalog.status;
    const pointers = extensionViolations('x-modelspecs-list', list).map((v) => v.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(['/catalog', '/catalog/inputPrice', '/catalog/outputPrice']),
    );
  });
});
