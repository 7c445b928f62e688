import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let surface: Map<string, string> | undefined;
/** Every command of the Windows PowerShell 5.1 profile extract (generator/lint/data/), lower case -> module. */
function windowsPowerShellCommands(): Map<string, string> {
  if (surface) return surface;
  const data = JSON.parse(readFileSync(fileURLToPath(new URL('./data/windows-powershell-5.1.json', import.meta.url)), 'utf8')) as {
    modules: Record<string, { commands?: Record<string, unknown>; otherCommands?: Record<string, unknown> }>;
  };
  surface = new Map();
  for (const [module, entry] of Object.entries(data.modules)) {
    for (const name of [...Object.keys(entry.commands ?? {}), ...Object.keys(entry.otherCommands ?? {})]) surface.set(name.toLowerCase(), module);
  }
  return surface;
}

/** Whether a command is a Windows PowerShell 5.1 command (any module of the profile). */
export function isWindowsPowerShellCommand(name: string): boolean {
  return windowsPowerShellCommands().has(name.toLowerCase());
}
