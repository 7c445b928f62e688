import type { LintRule } from '../rule.ts';
import { definedFunctions, resolveCommand } from '../support.ts';

/** Aliases (PSAvoidUsingCmdletAliases): a name a device may map differently, and harder to check. */
const rule: LintRule = {
  name: 'no-aliases',
  description: 'No aliases of Windows PowerShell 5.1 (%, ?, gci, iex, ...): call commands by their full names.',
  check({ facts }) {
    const defined = definedFunctions(facts);
    const findings = [];
    for (const command of facts.commands) {
      const resolved = resolveCommand(command, defined);
      if (!resolved?.alias) continue;
      findings.push({ line: command.line, column: command.column, message: `'${resolved.alias}' is an alias of ${resolved.name}: write ${resolved.name}` });
    }
    return findings;
  },
};

export default rule;
