import type { LintRule } from '../rule.ts';

/**
 * Syntax that PowerShell 6 or 7 added parses in the 7.6 test engine and fails in Windows PowerShell 5.1:
 * ternary, `??`, `??=`, `?.`, `?[]`, `&&`/`||`, `clean` blocks, the `` `e `` and `` `u{} `` escapes
 * (the engine host finds them), and `#Requires -Version 6` or later.
 */
const rule: LintRule = {
  name: 'no-7-only-syntax',
  description: 'No PowerShell 6/7-only syntax (?:, ??, ??=, ?., ?[], && and ||, clean, `e, `u{}) and no #Requires -Version 6 or later.',
  check({ facts, text }) {
    const findings = facts.syntax7.map((s) => ({
      line: s.line,
      column: s.column,
      message: `${s.syntax} is PowerShell 7 syntax: Windows PowerShell 5.1 fails to parse it or reads it differently`,
    }));
    const major = facts.requiresVersion ? Number(facts.requiresVersion.split('.')[0]) : 0;
    if (major >= 6) {
      const at = /^[ \t]*#requires\b.*-version\b/im.exec(text);
      const line = at ? text.slice(0, at.index).split('\n').length : 1;
      findings.push({ line, column: 1, message: `#Requires -Version ${facts.requiresVersion} keeps Windows PowerShell 5.1 from running the script; write #Requires -Version 5.1` });
    }
    return findings;
  },
};

export default rule;
