/** A spec (or a file derived from one) is broken. `problems` are one line each, `file:line:col pointer: message`. */
export class SpecError extends Error {
  readonly problems: readonly string[];

  constructor(summary: string, problems: readonly string[] = []) {
    super(problems.length > 0 ? `${summary}\n${problems.map((p) => `  - ${p}`).join('\n')}` : summary);
    this.name = 'SpecError';
    this.problems = problems;
  }
}

/** The caller asked for something that cannot be done as asked (an unknown vendor, a bad flag). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
