import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorEnvelope, listDeclarations, listItemSchemas } from '../src/declarations.js';
import { SpecError } from '../src/errors.js';
import { extensionsSchema } from '../src/extensions/schema.js';
import { extensionViolations } from '../src/extensions/validate.js';
import { lintSpecFile, REDOCLY_CHECK } from '../src/lint.js';
import { bundleSpec } from '../src/load.js';
import { fixtures, repoRoot } from './helpers.js';

const declarationsCheck = async (name: string) => {
  const report = await lintSpecFile(join(fixtures, name), repoRoot);
  const redocly = report.checks.find((c) => c.name === REDOCLY_CHECK)!;
  return { problems: redocly.problems.filter((p) => p.endsWith('(modelspecs/declarations)')) };
};

// Relative to the checkout, wherever the package is (Stryker runs it from a copy inside itself).
const badFixture = relative(repoRoot, join(fixtures, 'bad-declarations.yaml')).replace(
  /[.*+?^${}()|[\]\\]/g,
  '\\$&',
);
const at = (line: string) => new RegExp(`^${badFixture}:\\d+:\\d+ ${line}`);

describe('x-modelspecs declaration checks', () => {
  it('pass on the valid fixture', async () => {
    expect((await declarationsCheck('valid.yaml')).problems).toEqual([]);
  });

  it('name file:line:col and the pointer of each wrong declaration', async () => {
    const { problems } = await declarationsCheck('bad-declarations.yaml');
    const expected = [
      // wrong shape
      at('#/paths/~1deleted-models/get/x-modelspecs-list: x-modelspecs-list has an unknown key "paginate"'),
      at('#/paths/~1deleted-models/get/x-modelspecs-list/items: x-modelspecs-list must be a JSON pointer'),
      at(
        '#/components/schemas/OtherError/x-modelspecs-error: x-modelspecs-error is already declared on #/components/schemas/Error',
      ),
      // unknown operationId, unknown parameter
      at('#/paths/~1models/get/x-modelspecs-list/get/operationId: no operation has operationId "getModl"'),
      at(
        '#/paths/~1archived-models/get/x-modelspecs-list/get/parameter: GET /models/\\{model_id\\} \\(getModel\\) has no path parameter "modelId"',
      ),
      // pointer to nowhere, wrong type
      at(
        '#/paths/~1models/get/x-modelspecs-list/items: "/dta" points to nowhere in #/components/schemas/ModelList',
      ),
      at(
        '#/paths/~1archived-models/get/x-modelspecs-list/id/1: "/tags" reaches array in #/components/schemas/Model, but the id must be string or number or integer',
      ),
      at(
        '#/components/schemas/Error/x-modelspecs-error/message: "/error" reaches object in #/components/schemas/Error, but the message must be string',
      ),
      at('#/components/schemas/Error/x-modelspecs-error/code: "/error/kind" points to nowhere'),
      at(
        '#/components/schemas/Error/x-modelspecs-error/requestIdHeader: no response documents the header "x-request-id"',
      ),
    ];
    expect(problems).toHaveLength(expected.length);
    for (const pattern of expected) expect(problems).toContainEqual(expect.stringMatching(pattern));
  });

  it('point at the line of the declaration in the source file', async () => {
    const { problems } = await declarationsCheck('bad-declarations.yaml');
    // `items: /dta` is line 24 of the fixture, its value at column 16.
    expect(problems).toContainEqual(
      expect.stringMatching(
        /bad-declarations\.yaml:24:16 #\/paths\/~1models\/get\/x-modelspecs-list\/items: /,
      ),
    );
  });

  it('require an error envelope declaration where error bodies are JSON', async () => {
    const doc = await bundleSpec(join(fixtures, 'valid.yaml'), repoRoot);
    delete (doc.components!.schemas!.Error as Record<string, unknown>)['x-modelspecs-error'];
    const { declarationProblems } = await import('../src/rules/declarations.js');
    expect(declarationProblems(doc)).toEqual([
      {
        pointer: '#/components/schemas',
        message: expect.stringMatching(/no schema declares x-modelspecs-error/),
      },
    ]);
  });
});

describe('the extensions JSON Schema', () => {
  it('leaves paging and catalog as parts of the list declaration', () => {
    expect(Object.keys(extensionsSchema.$defs)).toEqual(
      expect.arrayContaining(['pointer', 'pointers', 'list', 'paging', 'catalog', 'error']),
    );
    const paging = { style: 'offset', offset: 'offset', total: '/total' };
    expect(extensionViolations('x-modelspecs-list', { items: '', id: ['/id', '/key'], paging })).toEqual([]);
  });

  it('refuses a pointer with a bare ~ and an empty list of alternatives', () => {
    expect(extensionViolations('x-modelspecs-list', { items: '/a~2b', id: [] })).toEqual([
      expect.objectContaining({ pointer: '/items' }),
      expect.objectContaining({ pointer: '/id' }),
    ]);
    expect(extensionViolations('x-modelspecs-error', {})).toEqual([
      expect.objectContaining({ message: "must have required property 'message'" }),
    ]);
  });
});

describe('listDeclarations and errorEnvelope', () => {
  // Each vendor's own declarations are read in its per-vendor suite (test/vendor/declarations.test.ts).
  const load = async (name: string) => bundleSpec(join(fixtures, name), repoRoot);

  it('read the list -> get relation of every list: with a get, a bare array without one, alternatives', async () => {
    const relations = listDeclarations(await load('relations.yaml')).map((list) => ({
      list: list.operation.operation.operationId,
      items: list.items,
      id: list.id,
      get: list.get && `${list.get.operation.operation.operationId}(${list.get.parameter})`,
    }));
    expect(relations).toEqual([
      { list: 'listModels', items: ['/data'], id: ['/id'], get: 'getModel(model_id)' },
      { list: 'listArchive', items: [''], id: ['/id', '/key'], get: undefined },
      {
        list: 'listTrainingModels',
        items: ['/models'],
        id: ['/id', '/modelId'],
        get: 'getTrainingModel(modelId)',
      },
    ]);
  });

  it('read the item schema a list declares', async () => {
    const doc = await load('relations.yaml');
    expect(listDeclarations(doc).map((list) => listItemSchemas(doc, list).map((s) => s.pointer))).toEqual([
      ['#/components/schemas/Model'],
      ['#/components/schemas/Model'],
      ['#/components/schemas/TrainingModel'],
    ]);
  });

  it('read the error envelope: alternatives as lists, no code as none', async () => {
    expect(errorEnvelope(await load('relations.yaml'))).toEqual({
      schema: '#/components/schemas/Error',
      message: ['/detail/message', '/detail'],
      code: ['/detail/code'],
    });
    expect(errorEnvelope(await load('catalog.yaml'))).toEqual({
      schema: '#/components/schemas/Error',
      message: ['/error/message'],
      code: [],
    });
  });

  it('refuse a declaration that names an unknown operation, with a SpecError naming the pointer', async () => {
    const doc = await bundleSpec(join(fixtures, 'bad-declarations.yaml'), repoRoot);
    expect(() => listDeclarations(doc)).toThrow(SpecError);
    expect(() => listDeclarations(doc)).toThrow(
      /#\/paths\/~1models\/get\/x-modelspecs-list\/get\/operationId: no operation has operationId "getModl"/,
    );
    expect(() => errorEnvelope(doc)).toThrow(/already declared on #\/components\/schemas\/Error/);
  });
});
