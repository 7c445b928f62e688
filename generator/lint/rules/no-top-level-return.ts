import type { LintRule } from '../rule.ts';

/** A `return` at script level ends the script with exit code 0 and skips the summary line and the exit. */
const rule: LintRule = {
  name: 'no-top-level-return',
  description: 'No return at script level (it ends the script with exit code 0, skipping the summary and the exit).',
  check({ facts }) {
    return facts.topLevelReturns.map((r) => ({
      line: r.line,
      column: r.column,
      message: 'return at script level ends the script with exit code 0 and skips the summary line: use exit <code> once, as the last statement',
    }));
  },
};

export default rule;
