import { fileKind, type LintRule } from '../rule.ts';

/**
 * A script's last top-level statement is an `exit`: Intune reads the exit code (0 compliant or fixed, 1 issue
 * found or failed), and a script that falls off its end exits 0 whatever happened. A module (.psm1) or a
 * manifest (.psd1) is the opposite: it is loaded into the caller's session, where an `exit` would end that
 * session, so it has no top-level `exit` at all.
 */
const rule: LintRule = {
  name: 'exit-last',
  description: 'A script ends with an explicit exit; a module or manifest has no top-level exit.',
  check({ file, facts, kind }) {
    if (facts.errors.length > 0) return [];
    if ((kind ?? fileKind(file)) !== 'script') {
      return facts.topLevel.filter((statement) => statement.kind === 'ExitStatement').map((statement) => ({
        line: statement.line,
        column: 1,
        message: 'a module or manifest must not exit: it runs in the caller\'s session, which an exit would end; return results instead',
      }));
    }
    const last = facts.topLevel.at(-1);
    if (!last) return [{ line: 1, column: 1, message: 'the script has no statements; it must end with an explicit exit' }];
    if (last.kind === 'ExitStatement') return [];
    const text = last.text.split(/\r?\n/)[0]!.slice(0, 60);
    return [{ line: last.line, column: 1, message: `the last top-level statement is '${text}' (${last.kind}), not an exit: end the script with an explicit exit <code>` }];
  },
};

export default rule;
