import type { LintRule } from '../rule.ts';

/** PowerShell's own parser (the engine host's) must accept the file. */
const rule: LintRule = {
  name: 'parse-errors',
  description: "PowerShell's parser reports no errors.",
  check({ facts }) {
    return facts.errors.map((e) => ({ line: e.line, column: e.column, message: `${e.message} (${e.errorId})` }));
  },
};

export default rule;
