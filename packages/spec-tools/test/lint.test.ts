import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSpecFile, REDOCLY_CHECK } from '../src/lint.js';
import { fixtures, repoRoot, tempWorkspace } from './helpers.js';

const lint = (name: string) => lintSpecFile(join(fixtures, name), repoRoot);
const failed = (report: Awaited<ReturnType<typeof lint>>) =>
  report.checks.filter((c) => c.problems.length > 0).map((c) => c.name);

describe('lintSpecFile', () => {
  it('passes every check on a valid spec', async () => {
    const report = await lint('valid.yaml');
    expect(failed(report)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('reports invalid YAML with the file, line and column', async () => {
    const report = await lint('invalid-yaml.yaml');
    expect(report.ok).toBe(false);
    const parse = report.checks.find((c) => c.name.startsWith('parses'))!;
    expect(parse.problems.join('\n')).toMatch(
      /packages\/spec-tools\/test\/fixtures\/invalid-yaml\.yaml:\d+:\d+: /,
    );
    expect(failed(report)).toContain(REDOCLY_CHECK);
  });

  it('reports a $ref to nowhere with the file, line and the missing target', async () => {
    const report = await lint('missing-ref.yaml');
    expect(report.ok).toBe(false);
    const parse = report.checks.find((c) => c.name.startsWith('parses'))!;
    expect(parse.problems.join('\n')).toMatch(
      /missing-ref\.yaml:101:\d+ #\/components\/schemas\/ModelList\/properties\/data\/items: Can't resolve \$ref/,
    );
  });

  it('reports an example that breaks its schema at the offending value (Redocly no-invalid-media-type-examples)', async () => {
    const report = await lint('bad-example.yaml');
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.name === REDOCLY_CHECK)!.problems).toEqual([
      expect.stringMatching(
        /bad-example\.yaml:68:\d+ #\/paths\/~1models\/get\/responses\/200\/content\/application~1json\/examples\/list\/value\/data\/1\/created: .*`created` property type must be integer.*\(no-invalid-media-type-examples\)$/,
      ),
    ]);
  });

  it('reports an operation without an error response (Redocly operation-4xx-response)', async () => {
    const report = await lint('missing-error-response.yaml');
    expect(report.checks.find((c) => c.name === REDOCLY_CHECK)!.problems).toContainEqual(
      expect.stringMatching(
        /missing-error-response\.yaml:\d+:\d+ #\/paths\/~1models\/get\/responses: .*\(operation-4xx-response\)$/,
      ),
    );
  });

  it('reports a parameter, a referenced and a schema example that break their schemas (Redocly example rules)', async () => {
    const { root, specDir } = tempWorkspace();
    const file = join(specDir, 'openapi.yaml');
    const text = readFileSync(file, 'utf8')
      .replace('          example: 20\n', '          example: 1000\n')
      .replace('          - {id: c, created: 3}', '          - {created: 3}')
      .replace('examples: [a]}', 'examples: [42]}');
    writeFileSync(file, text);
    const problems = (await lintSpecFile(file, root)).checks.find((c) => c.name === REDOCLY_CHECK)!.problems;
    expect(problems.map((p) => p.replace(/^.*\((.*)\)$/, '$1')).sort()).toEqual([
      'no-invalid-media-type-examples',
      'no-invalid-parameter-examples',
      'no-invalid-schema-examples',
    ]);
  });
});
