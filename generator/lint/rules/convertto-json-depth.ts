import type { LintRule } from '../rule.ts';
import { definedFunctions, hasParameter, resolveCommand } from '../support.ts';

/** ConvertTo-Json's default -Depth of 2 silently flattens deeper objects to their type names. */
const rule: LintRule = {
  name: 'convertto-json-depth',
  description: 'ConvertTo-Json passes -Depth (the default of 2 turns deeper objects into their type names, silently in 5.1).',
  check({ facts }) {
    const defined = definedFunctions(facts);
    const findings = [];
    for (const command of facts.commands) {
      const resolved = resolveCommand(command, defined);
      if (!resolved || resolved.defined || resolved.name.toLowerCase() !== 'convertto-json') continue;
      if (hasParameter(command, 'Depth')) continue;
      findings.push({
        line: command.line,
        column: command.column,
        message: `ConvertTo-Json without -Depth stops at depth 2 and writes deeper objects as their type names (Windows PowerShell 5.1 does not even warn): pass -Depth${command.splatted ? ' in the call (a splatted one is not seen)' : ''}`,
      });
    }
    return findings;
  },
};

export default rule;
