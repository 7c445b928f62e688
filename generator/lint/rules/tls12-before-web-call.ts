import type { LintRule } from '../rule.ts';
import { before, definedFunctions, lineStarts, resolveCommand } from '../support.ts';

const WEB_COMMANDS = new Set(['invoke-webrequest', 'invoke-restmethod']);
/** .NET Framework web clients that use ServicePointManager.SecurityProtocol (System. prefix optional). */
const WEB_TYPES = new Set(['net.webclient', 'net.webrequest', 'net.httpwebrequest', 'net.http.httpclient', 'net.http.httpclienthandler']);

const normalType = (name: string): string => name.toLowerCase().replace(/^system\./, '');

/**
 * .NET Framework 4.x in Windows PowerShell 5.1 may offer only SSL 3.0 and TLS 1.0 (depending on the
 * strong-crypto keys), which Microsoft 365 endpoints refuse. Before the first web call, the script must
 * add TLS 1.2: `[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol
 * -bor [Net.SecurityProtocolType]::Tls12`. The check is by text order: an assignment that names Tls12
 * (or 3072) must come before every web call in the file, so put it at the top of the script.
 */
const rule: LintRule = {
  name: 'tls12-before-web-call',
  description: 'No web call (Invoke-WebRequest, Invoke-RestMethod, WebClient, HttpClient, WebRequest) before [Net.ServicePointManager]::SecurityProtocol is set to include Tls12.',
  check({ facts, text }) {
    const defined = definedFunctions(facts);
    const calls: { line: number; column: number; what: string }[] = [];
    for (const command of facts.commands) {
      const resolved = resolveCommand(command, defined);
      if (!resolved || resolved.defined) continue;
      if (WEB_COMMANDS.has(resolved.name.toLowerCase())) calls.push({ line: command.line, column: command.column, what: resolved.name });
      if (resolved.name.toLowerCase() === 'new-object') {
        const typeName = command.parameters.find((p) => p.name.toLowerCase() === 'typename')?.value ?? command.positional[0]?.replace(/^['"]|['"]$/g, '');
        if (typeName && WEB_TYPES.has(normalType(typeName))) calls.push({ line: command.line, column: command.column, what: `New-Object ${typeName}` });
      }
    }
    for (const t of facts.types) {
      if (t.kind === 'attribute' || !WEB_TYPES.has(normalType(t.type))) continue;
      calls.push({ line: t.line, column: t.column, what: `[${t.type}]` });
    }
    if (calls.length === 0) return [];
    // Assignments to SecurityProtocol whose right-hand side names TLS 1.2.
    const starts = lineStarts(text);
    const lines = text.split('\n');
    const enabled: { line: number; column: number }[] = [];
    for (const t of facts.types) {
      if (t.kind !== 'static-property' || normalType(t.type) !== 'net.servicepointmanager' || t.member?.toLowerCase() !== 'securityprotocol') continue;
      let statement = text.slice(starts[t.line - 1]! + t.column - 1, starts[t.line] ?? text.length);
      for (let next = t.line; /(`|-bor|,|\()\s*$/i.test(statement) && next < lines.length; next++) statement += lines[next];
      const assignment = /^\[[^\]]+\]::SecurityProtocol\s*\+?=(?!=)(.*)$/is.exec(statement.trim());
      if (assignment && /\bTls12\b|\b3072\b/i.test(assignment[1]!) && !/-bxor|-bnot/i.test(assignment[1]!)) enabled.push({ line: t.line, column: t.column });
    }
    const first = enabled.sort((a, b) => (before(a, b) ? -1 : 1))[0];
    return calls
      .filter((call) => !first || before(call, first))
      .map((call) => ({
        line: call.line,
        column: call.column,
        message: `${call.what} before TLS 1.2 is enabled for .NET in this script: .NET Framework may offer only SSL 3/TLS 1.0, which Microsoft 365 refuses; first set [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12`,
      }));
  },
};

export default rule;
