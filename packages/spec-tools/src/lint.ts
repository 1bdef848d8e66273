import { relative } from 'node:path';
import {
  type CheckResult,
  checkConventions,
  checkExamples,
  checkResponses,
  redoclyLint,
  schemaValidate,
} from './checks.js';
import { SpecError } from './errors.js';
import { bundleSpec } from './load.js';
import type { SpecLoadOptions } from './resolver.js';
import { checkDeclarations } from './rules/declarations.js';
import { checkFidelity } from './rules/fidelity.js';
import { checkPaging } from './rules/paging.js';
import { SourceLocator } from './source-locator.js';

export interface LintReport {
  file: string;
  ok: boolean;
  checks: CheckResult[];
}

/**
 * Every spec check on one file: it parses and resolves, Redocly recommended-strict, a second OpenAPI validator,
 * every example against its schema, a 2xx and an error response per operation, and the project's conventions.
 */
export async function lintSpecFile(
  file: string,
  root: string,
  options: SpecLoadOptions & { redocly?: boolean } = {},
): Promise<LintReport> {
  const checks: CheckResult[] = [];
  const name = relative(root, file) || file;
  let doc: Awaited<ReturnType<typeof bundleSpec>> | undefined;
  try {
    doc = await bundleSpec(file, root, options);
    checks.push({ name: 'parses and every $ref resolves', problems: [] });
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    checks.push({
      name: 'parses and every $ref resolves',
      problems: [...error.problems, ...(error.problems.length ? [] : [error.message])],
    });
  }
  if (options.redocly !== false) checks.push(await redoclyLint(file, root, options));
  if (doc) {
    const locator = new SourceLocator(file, root);
    checks.push(await schemaValidate(doc));
    const examples = checkExamples(doc, locator);
    checks.push({ ...examples, name: `${examples.name}: ${examples.checked} examples` });
    checks.push(checkResponses(doc, locator));
    checks.push(checkConventions(doc, locator));
    checks.push(checkFidelity(doc, locator));
    checks.push(checkPaging(doc, locator));
    checks.push(checkDeclarations(doc, locator));
  }
  return { file: name, ok: checks.every((c) => c.problems.length === 0), checks };
}

/** Human-readable lines for a report. */
export function formatLintReport(report: LintReport): string {
  const lines = [`${report.file}`];
  for (const check of report.checks) {
    lines.push(`  ${check.problems.length === 0 ? 'ok  ' : 'FAIL'} ${check.name}`);
    if (check.output) lines.push(check.output.replace(/^/gm, '       '));
    for (const problem of check.problems) lines.push(`       ${problem}`);
  }
  lines.push(
    report.ok
      ? '  all spec checks passed'
      : `  ${report.checks.filter((c) => c.problems.length).length} check(s) failed`,
  );
  return lines.join('\n');
}
