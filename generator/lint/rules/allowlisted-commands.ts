import { importScriptCommand } from '../configmgr-import-commands.ts';
import type { LintRule } from '../rule.ts';
import { declaredUnsimulated, definedFunctions, resolveCommand, scriptStepFunctions } from '../support.ts';
import { isWindowsPowerShellCommand } from '../windows-powershell-5.1-commands.ts';
import { allowedCommand, COMMON_PARAMETERS } from '../windows-powershell-5.1-allowlist.ts';

const COMMON = new Set(COMMON_PARAMETERS.map((n) => n.toLowerCase()));

/**
 * The Windows PowerShell 5.1 command surface: every command the script calls and does not define must be
 * on the project's allowlist (generator/lint/windows-powershell-5.1-allowlist.ts, checked against the 5.1
 * profile), and every named parameter an allowlisted parameter of it or a common parameter. The ConfigMgr
 * import script alone may also call the site-server commands of generator/lint/configmgr-import-commands.ts, and a
 * script step's own function the commands of the 5.1 profile its step declared `unsimulated`.
 */
const rule: LintRule = {
  name: 'allowlisted-commands',
  description: 'Every command called (other than the script\'s own functions) is on the Windows PowerShell 5.1 allowlist, with allowlisted or common parameters only.',
  check({ file, text, facts }) {
    const defined = definedFunctions(facts);
    const declared = scriptStepFunctions(text);
    const findings = [];
    for (const command of facts.commands) {
      const resolved = resolveCommand(command, defined);
      if (!resolved || resolved.defined) continue;
      const allowed = allowedCommand(resolved.name) ?? importScriptCommand(file, resolved.name);
      // A script step's declared unsimulated command: any command of the 5.1 profile (its parameters are the admin's).
      if (!allowed && declaredUnsimulated(command, resolved.name, declared) && isWindowsPowerShellCommand(resolved.name)) continue;
      if (!allowed) {
        const native = /[\\/]|\.(exe|com|cmd|bat|ps1)$/i.test(resolved.name);
        findings.push({
          line: command.line,
          column: command.column,
          message: native
            ? `'${resolved.written}' runs a program directly: call it through Invoke-RgNativeCommand (output decoded, stderr logged, timeout)`
            : `${resolved.name} is not on the Windows PowerShell 5.1 allowlist (generator/lint/windows-powershell-5.1-allowlist.ts): add it with its module and the parameters used, or do without it`,
        });
        continue;
      }
      if (resolved.module && resolved.module.toLowerCase() !== allowed.entry.module.toLowerCase()) {
        findings.push({ line: command.line, column: command.column, message: `${resolved.written}: ${allowed.name} is in module ${allowed.entry.module}, not ${resolved.module}` });
      }
      const parameters = Object.keys(allowed.entry.parameters);
      const names = new Set(parameters.map((n) => n.toLowerCase()));
      for (const p of command.parameters) {
        const name = p.name.toLowerCase();
        if (names.has(name) || COMMON.has(name)) continue;
        const expands = [...parameters, ...COMMON_PARAMETERS].filter((n) => n.toLowerCase().startsWith(name));
        findings.push({
          line: p.line,
          column: p.column,
          message: expands.length > 0
            ? `-${p.name} of ${allowed.name}: write the parameter name in full (-${expands.join(' or -')})`
            : `-${p.name} is not an allowlisted parameter of ${allowed.name} (allowed: ${parameters.map((n) => '-' + n).join(', ') || 'none'}, and the common parameters)`,
        });
      }
    }
    return findings;
  },
};

export default rule;
