import type { CommandFact, TypeFact } from '../../engine/index.ts';
import { getSurface, type SurfaceReference } from '../../engine/surface.ts';
import type { LintRule } from '../rule.ts';
import { before, constantText } from '../support.ts';
import { WINDOWS_RUNTIME_TYPES, windowsRuntimeLiteral, windowsRuntimeNamespace, windowsRuntimeType } from '../windows-runtime-types.ts';

/**
 * The tests run PowerShell 7.6 on .NET 10, where far more .NET exists than on a device: every type
 * literal, cast, constraint, attribute and static member (`[T]`, `[T]::M`, `[T]::new()`) must resolve in
 * Windows PowerShell 5.1, i.e. in the .NET Framework 4.7.2 reference assemblies, in 5.1's
 * System.Management.Automation or among 5.1's type accelerators (the surface program answers, see
 * generator/engine/surface/). A type in an assembly 5.1 does not load at start must follow an
 * `Add-Type -AssemblyName` of that assembly in the script's text. Windows Runtime types (`[T, N, ContentType =
 * WindowsRuntime]`) are outside that surface: only those of generator/lint/windows-runtime-types.ts, with their
 * listed members, and a plain `[T]` only after such a literal of its namespace.
 */

/** `-AssemblyName` as PowerShell binds it: the full name, a prefix of it, or its alias `-AN`. */
function isAssemblyNameParameter(name: string): boolean {
  const written = name.toLowerCase();
  return written === 'an' || 'assemblyname'.startsWith(written);
}

/** The assembly names one `Add-Type` call loads, as far as constants tell (`A`, `'A'`, `A, 'B'`, full names). */
function addedAssemblies(command: CommandFact): string[] {
  const parameter = command.parameters.find((p) => isAssemblyNameParameter(p.name));
  if (!parameter) return [];
  const text = parameter.value ?? parameter.expression ?? '';
  const names: string[] = [];
  for (const part of text.replace(/^@\(|\)$/g, '').split(',')) {
    const value = parameter.value !== undefined ? part : constantText(part.trim());
    const name = value?.trim();
    // `System.Net.Http, Version=4.0.0.0, Culture=neutral` splits into the name and key=value parts.
    if (name && !name.includes('=')) names.push(name.toLowerCase());
  }
  return names;
}

/** `using namespace X` statements (they must open the script, so a text scan finds them all). */
function usingNamespaces(text: string): string[] {
  return [...text.matchAll(/^[ \t]*using[ \t]+namespace[ \t]+([\w.]+)/gim)].map((m) => m[1]!);
}

function written(fact: TypeFact): string {
  return fact.member !== undefined ? `[${fact.type}]::${fact.member}` : `[${fact.type}]`;
}

const rule: LintRule = {
  name: 'dotnet-surface',
  description:
    "Every .NET type and static member exists in Windows PowerShell 5.1 (.NET Framework 4.7.2, 5.1's System.Management.Automation, its type accelerators), and a type in an assembly 5.1 does not load at start follows Add-Type -AssemblyName; Windows Runtime types are the listed ones, after a ContentType = WindowsRuntime literal.",
  async check({ facts, text }) {
    if (facts.types.length === 0) return [];
    const namespaces = usingNamespaces(text);
    // Windows Runtime types (generator/lint/windows-runtime-types.ts) are checked against that list, not the surface.
    const findings: { line: number; column: number; message: string }[] = [];
    const winrtLoads = facts.types.flatMap((t) => {
      const name = windowsRuntimeLiteral(t.type);
      return name !== undefined ? [{ at: { line: t.line, column: t.column }, namespace: windowsRuntimeNamespace(name) }] : [];
    });
    const dotnet = facts.types.filter((fact) => {
      const at = { line: fact.line, column: fact.column };
      const literal = windowsRuntimeLiteral(fact.type);
      const listed = windowsRuntimeType(literal ?? fact.type);
      if (literal !== undefined && listed === undefined) {
        findings.push({ ...at, message: `[${fact.type}]: ${literal} is not a Windows Runtime type remgen lists (generator/lint/windows-runtime-types.ts): add it there with its Microsoft reference page once it is checked` });
        return false;
      }
      if (listed === undefined) return true;
      if (literal === undefined && !winrtLoads.some((l) => before(l.at, at) && l.namespace === windowsRuntimeNamespace(listed))) {
        findings.push({ ...at, message: `${written(fact)}: a Windows Runtime type resolves only after a [${listed}, ${listed.slice(0, listed.lastIndexOf('.'))}, ContentType = WindowsRuntime] literal of its namespace earlier in the script` });
        return false;
      }
      if (fact.member !== undefined && !WINDOWS_RUNTIME_TYPES[listed]!.members.some((m) => m.toLowerCase() === fact.member!.toLowerCase())) {
        findings.push({ ...at, message: `${written(fact)}: ${fact.member} is not a member remgen lists for ${listed} (generator/lint/windows-runtime-types.ts)` });
      }
      return false;
    });
    if (dotnet.length === 0) return findings;
    const references: SurfaceReference[] = dotnet.map((t) => ({
      type: t.type,
      kind: t.kind,
      ...(t.member !== undefined ? { member: t.member } : {}),
      ...(namespaces.length > 0 ? { namespaces } : {}),
    }));
    const answers = await getSurface().resolve(references);
    const addTypes = facts.commands
      .filter((c) => c.name !== null && /^(?:Microsoft\.PowerShell\.Utility\\)?Add-Type$/i.test(c.name))
      .map((c) => ({ at: c, assemblies: addedAssemblies(c) }));
    dotnet.forEach((fact, index) => {
      const answer = answers[index]!;
      const at = { line: fact.line, column: fact.column };
      if (!answer.resolved) {
        findings.push({ ...at, message: `${written(fact)}: ${answer.message ?? 'does not resolve in Windows PowerShell 5.1'}` });
        return;
      }
      if (answer.memberFound === false) findings.push({ ...at, message: `${written(fact)}: ${answer.message ?? 'no such static member in Windows PowerShell 5.1'}` });
      for (const assembly of answer.notLoadedAtStart ?? []) {
        const loaded = addTypes.some((a) => before(a.at, at) && a.assemblies.includes(assembly.toLowerCase()));
        if (loaded) continue;
        findings.push({
          ...at,
          message: `[${fact.type}] needs ${assembly}, which Windows PowerShell 5.1 does not load at start: 'Add-Type -AssemblyName ${assembly}' must come before it in the script`,
        });
      }
    });
    return findings.sort((a, b) => a.line - b.line || a.column - b.column);
  },
};

export default rule;
