import type { LintRule } from '../rule.ts';
import { definedFunctions, hasParameter, resolveCommand } from '../support.ts';

const WRITERS = new Map([
  ['out-file', 'UTF-16LE with BOM ("Unicode")'],
  ['set-content', 'the ANSI code page ("Default")'],
  ['add-content', 'the ANSI code page ("Default")'],
]);

/** The default encodings of 5.1's file writers differ from 7's UTF-8 without BOM: say which one you want. */
const rule: LintRule = {
  name: 'explicit-encoding',
  description: 'Out-File, Set-Content and Add-Content pass -Encoding (5.1 defaults to UTF-16 or ANSI, 7 to UTF-8).',
  check({ facts }) {
    const defined = definedFunctions(facts);
    const findings = [];
    for (const command of facts.commands) {
      const resolved = resolveCommand(command, defined);
      if (!resolved || resolved.defined) continue;
      const fallback = WRITERS.get(resolved.name.toLowerCase());
      if (!fallback || hasParameter(command, 'Encoding')) continue;
      findings.push({
        line: command.line,
        column: command.column,
        message: `${resolved.name} without -Encoding writes ${fallback} in Windows PowerShell 5.1 and UTF-8 in PowerShell 7: pass -Encoding${command.splatted ? ' in the call (a splatted one is not seen)' : ''}`,
      });
    }
    return findings;
  },
};

export default rule;
