import { join, relative } from 'node:path';
import { type Config, lintDocument, loadConfig } from '@redocly/openapi-core';
import { SpecError } from './errors.js';
import { bundleSpec, describeProblem, specResolver, withSpecDocument } from './load.js';
import { ConfinedResolver, type SpecLoadOptions } from './resolver.js';
import { modelspecsPlugin } from './rules/plugin.js';

export interface CheckResult {
  name: string;
  /** One line each: `file:line:col #/pointer: message (rule)`. */
  problems: string[];
}

export interface LintReport {
  file: string;
  ok: boolean;
  checks: CheckResult[];
}

/** The name of the check that runs the rules of redocly.yaml. */
export const REDOCLY_CHECK = 'redocly lint (redocly.yaml: recommended-strict and the modelspecs rules)';

/**
 * The workspace's redocly.yaml with the modelspecs plugin (its rules are configured there by name). Loaded once for
 * any number of specs. The config may extend others: they too are read only from the workspace, never the network.
 */
export function loadLintConfig(root: string): Promise<Config> {
  return loadConfig({
    configPath: join(root, 'redocly.yaml'),
    externalRefResolver: new ConfinedResolver(root, root),
    plugins: [modelspecsPlugin],
  });
}

const asProblems = (error: unknown): string[] => {
  if (!(error instanceof SpecError)) throw error;
  return [...error.problems, ...(error.problems.length ? [] : [error.message])];
};

/**
 * Redocly's linter with the rules of redocly.yaml, in process, on the files the confined resolver reads (the spec's
 * folder only, no network). Each problem reads `file:line:col #/pointer: message (rule)`.
 */
export async function redoclyLint(
  specFile: string,
  root: string,
  options: SpecLoadOptions & { config?: Config } = {},
): Promise<CheckResult> {
  let problems: string[];
  try {
    const config = options.config ?? (await loadLintConfig(root));
    const resolver = specResolver(specFile, root, options);
    const found = await withSpecDocument(specFile, resolver, (document) =>
      lintDocument({ document, config, externalRefResolver: resolver }),
    );
    problems = found.map((p) => `${describeProblem(p, root)} (${p.ruleId})`);
  } catch (error) {
    problems = asProblems(error);
  }
  return { name: REDOCLY_CHECK, problems };
}

/**
 * Every spec check on one file: it parses and bundles (every $ref resolved inside the spec's folder), and the rules of
 * redocly.yaml (Redocly's recommended-strict, whose `struct` rule validates the OpenAPI structure, and the modelspecs
 * plugin). Pass `config` (`loadLintConfig`) to lint
 * many specs in one process without loading the config again.
 */
export async function lintSpecFile(
  file: string,
  root: string,
  options: SpecLoadOptions & { config?: Config } = {},
): Promise<LintReport> {
  const checks: CheckResult[] = [];
  const name = relative(root, file) || file;
  try {
    // What the tools downstream read: the bundled document, self-contained.
    await bundleSpec(file, root, options);
    checks.push({ name: 'parses and every $ref resolves', problems: [] });
  } catch (error) {
    checks.push({ name: 'parses and every $ref resolves', problems: asProblems(error) });
  }
  checks.push(await redoclyLint(file, root, options));
  return { file: name, ok: checks.every((c) => c.problems.length === 0), checks };
}

/** Human-readable lines for a report. */
export function formatLintReport(report: LintReport): string {
  const lines = [`${report.file}`];
  for (const check of report.checks) {
    lines.push(`  ${check.problems.length === 0 ? 'ok  ' : 'FAIL'} ${check.name}`);
    for (const problem of check.problems) lines.push(`       ${problem}`);
  }
  lines.push(
    report.ok
      ? '  all spec checks passed'
      : `  ${report.checks.filter((c) => c.problems.length).length} check(s) failed`,
  );
  return lines.join('\n');
}
