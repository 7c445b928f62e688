import { importScriptCommand } from '../configmgr-import-commands.ts';
import { CORE_COMMANDS } from '../core-commands.ts';
import type { LintRule } from '../rule.ts';
import { declaredUnsimulated, definedFunctions, insideSeam, resolveCommand, scriptStepFunctions, seamNames } from '../support.ts';

const CORE = new Set(CORE_COMMANDS.map((n) => n.toLowerCase()));

/**
 * Outside its seam functions a script calls only its own functions and Microsoft.PowerShell.Core
 * commands, the only module the test engine has: so everything but the seams runs under test, and a
 * device profile can replace every seam. The one exception: the ConfigMgr import script, which runs on a
 * site server to call the ConfigurationManager module, may call the commands of
 * generator/lint/configmgr-import-commands.ts (its tests define stand-ins for them). The other: a script step's
 * own function (marked by the render stage) may call the commands its step declared `unsimulated`.
 */
const rule: LintRule = {
  name: 'core-only-outside-seams',
  description: "Outside seam functions, only the script's own functions and Microsoft.PowerShell.Core commands.",
  check({ file, text, facts }) {
    const defined = definedFunctions(facts);
    const declared = scriptStepFunctions(text);
    const findings = [];
    for (const command of facts.commands) {
      const resolved = resolveCommand(command, defined);
      if (!resolved || resolved.defined || CORE.has(resolved.name.toLowerCase())) continue;
      if (insideSeam(command, facts) || importScriptCommand(file, resolved.name)) continue;
      // A script step's own function may call what its step declared unsimulated (checked at build time).
      if (declaredUnsimulated(command, resolved.name, declared)) continue;
      const where = command.function ? `in ${command.function}` : 'at script level';
      findings.push({
        line: command.line,
        column: command.column,
        message: `${resolved.name} is called ${where}, outside the seam functions (${seamNames().join(', ')}), and is not a Microsoft.PowerShell.Core command: the test engine cannot run it; use .NET or a Core command, or move the call into a seam`,
      });
    }
    return findings;
  },
};

export default rule;
