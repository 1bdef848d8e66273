// @modelspecs/spec-tools/lint: the spec checks (Redocly's library with the repo's redocly.yaml and the modelspecs
// plugin, and a second OpenAPI validator).
export { type CheckResult, schemaValidate } from './checks.js';
export {
  formatLintReport,
  type LintReport,
  lintSpecFile,
  loadLintConfig,
  REDOCLY_CHECK,
  redoclyLint,
} from './lint.js';
export { modelspecsPlugin, modelspecsRules } from './rules/plugin.js';
