import type { LintRule } from '../rule.ts';
import { definedFunctions, hasParameter, resolveCommand } from '../support.ts';

const WEB = new Set(['invoke-webrequest', 'invoke-restmethod']);

/**
 * Windows PowerShell 5.1 parses web responses with Internet Explorer's engine unless -UseBasicParsing is
 * given; under SYSTEM, where Internet Explorer's first run never happened, the call fails.
 */
const rule: LintRule = {
  name: 'use-basic-parsing',
  description: 'Invoke-WebRequest and Invoke-RestMethod pass -UseBasicParsing (without it 5.1 needs Internet Explorer, which fails under SYSTEM).',
  check({ facts }) {
    const defined = definedFunctions(facts);
    const findings = [];
    for (const command of facts.commands) {
      const resolved = resolveCommand(command, defined);
      if (!resolved || resolved.defined || !WEB.has(resolved.name.toLowerCase())) continue;
      if (hasParameter(command, 'UseBasicParsing')) continue;
      findings.push({
        line: command.line,
        column: command.column,
        message: `${resolved.name} without -UseBasicParsing: Windows PowerShell 5.1 then parses the response with Internet Explorer, which fails under SYSTEM${command.splatted ? ' (a splatted -UseBasicParsing is not seen: write it in the call)' : ''}`,
      });
    }
    return findings;
  },
};

export default rule;
