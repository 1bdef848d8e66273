// @modelspecs/spec-tools/lint: the spec checks (Redocly, a second OpenAPI validator, examples, conventions).
export {
  type CheckResult,
  checkConventions,
  checkExamples,
  checkResponses,
  collectExamples,
  type ExampleCase,
  redoclyCli,
  redoclyLint,
  schemaValidate,
} from './checks.js';
export { formatLintReport, type LintReport, lintSpecFile } from './lint.js';
export { checkPaging } from './rules/paging.js';
