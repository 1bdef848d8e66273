// @modelspecs/spec-tools/lint: the spec checks (Redocly's library with the repo's redocly.yaml and the modelspecs
// plugin).
export {
  type CheckResult,
  formatLintReport,
  type LintReport,
  lintSpecFile,
  loadLintConfig,
  REDOCLY_CHECK,
  redoclyLint,
} from './lint.js';
export { modelspecsPlugin, modelspecsRules } from './rules/plugin.js';
