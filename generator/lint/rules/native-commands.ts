import type { CommandFact } from '../../engine/index.ts';
import { nativeCommand, programName } from '../native-commands.ts';
import type { LintRule } from '../rule.ts';
import { constantText, namedParameter } from '../support.ts';

/** The program of an Invoke-RgNativeCommand call when it is a constant (-FilePath 'x' or the first positional argument). */
function constantFilePath(command: CommandFact): { value: string; line: number; column: number } | undefined {
  const named = namedParameter(command, 'FilePath');
  if (named) return named.value !== undefined ? { value: named.value, line: named.line, column: named.column } : undefined;
  if (command.parameters.length === 0 && command.positional.length > 0) {
    const value = constantText(command.positional[0]!);
    if (value !== undefined) return { value, line: command.line, column: command.column };
  }
  return undefined;
}

/**
 * Native programs run through the Invoke-RgNativeCommand seam (which a device profile replaces, so no test
 * runs the real program) must exist on Windows: each constant -FilePath is on the project's list
 * (generator/lint/native-commands.ts), whose entries are checked against the 5.1 profile's native
 * commands or carry the reason they are not there.
 */
const rule: LintRule = {
  name: 'native-commands',
  description: 'Every constant -FilePath passed to Invoke-RgNativeCommand is a known Windows program (5.1 profile, or listed with a reason).',
  check({ facts }) {
    const findings = [];
    for (const command of facts.commands) {
      if (command.name?.toLowerCase() !== 'invoke-rgnativecommand') continue;
      const path = constantFilePath(command);
      if (!path || nativeCommand(path.value)) continue;
      findings.push({
        line: path.line,
        column: path.column,
        message: `${programName(path.value)} is not a program of the Windows PowerShell 5.1 profile nor on the list in generator/lint/native-commands.ts: add it there (with the reason, when the profile does not list it)`,
      });
    }
    return findings;
  },
};

export default rule;
