import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSpecFile } from '../src/lint.js';
import { fixtures, repoRoot } from './helpers.js';

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
    expect(failed(report)).toContain('redocly lint (recommended-strict)');
  });

  it('reports a $ref to nowhere with the file, line and the missing target', async () => {
    const report = await lint('missing-ref.yaml');
    expect(report.ok).toBe(false);
    const parse = report.checks.find((c) => c.name.startsWith('parses'))!;
    expect(parse.problems.join('\n')).toMatch(
      /missing-ref\.yaml:101:\d+ #\/components\/schemas\/ModelList\/properties\/data\/items: Can't resolve \$ref/,
    );
  });

  it('reports an example that breaks its schema at the offending value', async () => {
    const report = await lint('bad-example.yaml');
    expect(report.ok).toBe(false);
    const examples = report.checks.find((c) => c.name.startsWith('examples'))!;
    expect(examples.problems).toHaveLength(1);
    expect(examples.problems[0]).toMatch(
      /bad-example\.yaml:68:\d+ #\/paths\/~1models\/get\/responses\/200\/content\/application~1json\/examples\/list\/value: .*\/data\/1\/created must be integer/,
    );
    // Redocly's own example rule catches it too.
    expect(failed(report)).toContain('redocly lint (recommended-strict)');
  });

  it('reports an operation without an error response', async () => {
    const report = await lint('missing-error-response.yaml');
    const responses = report.checks.find((c) => c.name.startsWith('a 2xx'))!;
    expect(responses.problems).toEqual([
      expect.stringMatching(
        /missing-error-response\.yaml:\d+:\d+ GET \/models: no error .* response is documented/,
      ),
    ]);
  });
});
