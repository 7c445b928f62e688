import type { LintRule } from '../rule.ts';

/**
 * The last top-level statement is an `exit`: Intune reads the exit code (0 compliant or fixed, 1 issue
 * found or failed), and a script that falls off its end exits 0 whatever happened.
 */
const rule: LintRule = {
  name: 'exit-last',
  description: 'The last top-level statement is an explicit exit.',
  check({ facts }) {
    if (facts.errors.length > 0) return [];
    const last = facts.topLevel.at(-1);
    if (!last) return [{ line: 1, column: 1, message: 'the script has no statements; it must end with an explicit exit' }];
    if (last.kind === 'ExitStatement') return [];
    const text = last.text.split(/\r?\n/)[0]!.slice(0, 60);
    return [{ line: last.line, column: 1, message: `the last top-level statement is '${text}' (${last.kind}), not an exit: end the script with an explicit exit <code>` }];
  },
};

export default rule;
