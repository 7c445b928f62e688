import type { LintRule } from '../rule.ts';
import { definedFunctions, resolveCommand } from '../support.ts';

/** Commands a remediation script must never call, each with the reason. */
export const FORBIDDEN_COMMANDS: Readonly<Record<string, string>> = {
  'Write-Host': 'it writes to the host, not the output: a Write-Host line can displace the one summary line Intune shows; log with Write-RgLog',
  'Read-Host': 'Intune and ConfigMgr run scripts non-interactively (as SYSTEM or the user, no console): it fails or waits forever',
  'Invoke-Expression': 'it runs text as code: injection from data, and nothing in it can be checked before it runs',
  'Restart-Computer': 'remediation scripts must not restart the device (Intune forbids reboot commands); report that a restart is recommended instead',
  'Stop-Computer': 'remediation scripts must not shut the device down',
};

const TABLE = new Map(Object.entries(FORBIDDEN_COMMANDS).map(([name, why]) => [name.toLowerCase(), { name, why }]));

const rule: LintRule = {
  name: 'no-forbidden-commands',
  description: 'No Write-Host, Read-Host, Invoke-Expression, Restart-Computer or Stop-Computer.',
  check({ facts }) {
    const defined = definedFunctions(facts);
    const findings = [];
    for (const command of facts.commands) {
      const resolved = resolveCommand(command, defined);
      if (!resolved || resolved.defined) continue;
      const forbidden = TABLE.get(resolved.name.toLowerCase());
      if (forbidden) findings.push({ line: command.line, column: command.column, message: `${forbidden.name}: ${forbidden.why}` });
    }
    return findings;
  },
};

export default rule;
