import type { LintRule } from '../rule.ts';
import { definedFunctions, resolveCommand } from '../support.ts';

/**
 * Parameters that PowerShell 6 or 7 added to commands Windows PowerShell 5.1 also has. The 7.6 test
 * engine binds them; 5.1 fails with "A parameter cannot be found". `npm run check:allowlist` checks that
 * none of these is a 5.1 parameter of that command (windows-powershell-5.1.json (docs/reference/README.md)).
 */
export const SEVEN_ONLY_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  'ForEach-Object': ['Parallel', 'ThrottleLimit', 'TimeoutSeconds', 'AsJob', 'UseNewRunspace'],
  'ConvertFrom-Json': ['AsHashtable', 'Depth', 'NoEnumerate', 'DateKind'],
  'ConvertTo-Json': ['AsArray', 'EnumsAsStrings', 'EscapeHandling'],
  'Get-Content': ['AsByteStream'],
  'Set-Content': ['AsByteStream'],
  'Add-Content': ['AsByteStream'],
  'Invoke-WebRequest': [
    'SkipCertificateCheck', 'SslProtocol', 'Authentication', 'Token', 'SkipHeaderValidation', 'MaximumRetryCount',
    'RetryIntervalSec', 'Resume', 'Form', 'NoProxy', 'HttpVersion', 'PreserveAuthorizationOnRedirect', 'SkipHttpErrorCheck',
    'AllowUnencryptedAuthentication', 'CustomMethod', 'ConnectionTimeoutSeconds', 'OperationTimeoutSeconds',
    'AllowInsecureRedirect', 'PreserveHttpMethodOnRedirect', 'UnixSocket',
  ],
  'Invoke-RestMethod': [
    'SkipCertificateCheck', 'SslProtocol', 'Authentication', 'Token', 'SkipHeaderValidation', 'MaximumRetryCount',
    'RetryIntervalSec', 'Resume', 'Form', 'NoProxy', 'HttpVersion', 'PreserveAuthorizationOnRedirect', 'SkipHttpErrorCheck',
    'AllowUnencryptedAuthentication', 'CustomMethod', 'ConnectionTimeoutSeconds', 'OperationTimeoutSeconds',
    'AllowInsecureRedirect', 'PreserveHttpMethodOnRedirect', 'UnixSocket', 'StatusCodeVariable', 'ResponseHeadersVariable',
    'FollowRelLink', 'MaximumFollowRelLink',
  ],
  'Get-Date': ['AsUTC', 'UnixTimeSeconds'],
  'Split-Path': ['Extension', 'LeafBase'],
  'Join-Path': ['AdditionalChildPath'],
  'Sort-Object': ['Top', 'Bottom', 'Stable'],
  'Select-String': ['Raw', 'NoEmphasis'],
  'Select-Object': ['SkipIndex'],
  'Test-Connection': ['TcpPort', 'Ping', 'Repeat', 'MtuSize', 'Traceroute', 'IPv4', 'IPv6', 'ResolveDestination', 'TimeoutSeconds'],
  'Get-ChildItem': ['FollowSymlink'],
  'Import-Module': ['UseWindowsPowerShell', 'SkipEditionCheck'],
  'Get-Command': ['UseFuzzyMatching', 'FuzzyMinimumDistance', 'UseAbbreviationExpansion'],
  'Format-Hex': ['Count', 'Offset'],
  'Where-Object': ['Not'],
  'Start-Process': ['Environment'],
};

/** Common parameters PowerShell 7 added (every command has them there, none has them in 5.1). */
export const SEVEN_ONLY_COMMON_PARAMETERS: readonly string[] = ['ProgressAction'];

/** Every -Encoding value Windows PowerShell 5.1 takes (FileSystemCmdletProviderEncoding and the Out-File/Export-Csv set). */
export const ENCODINGS_51: readonly string[] = [
  'Unknown', 'String', 'Unicode', 'Byte', 'BigEndianUnicode', 'UTF8', 'UTF7', 'UTF32', 'Ascii', 'Default', 'Oem', 'BigEndianUTF32',
];

const TABLE = new Map(Object.entries(SEVEN_ONLY_PARAMETERS).map(([command, names]) => [command.toLowerCase(), new Set(names.map((n) => n.toLowerCase()))]));
const COMMON = new Set(SEVEN_ONLY_COMMON_PARAMETERS.map((n) => n.toLowerCase()));
const ENCODINGS = new Set(ENCODINGS_51.map((n) => n.toLowerCase()));

const rule: LintRule = {
  name: 'no-7-only-parameters',
  description: 'No parameter or -Encoding value that only PowerShell 6/7 has (-Parallel, -AsHashtable, -AsByteStream, -ProgressAction, utf8NoBOM, ...).',
  check({ facts }) {
    const defined = definedFunctions(facts);
    const findings = [];
    for (const command of facts.commands) {
      const resolved = resolveCommand(command, defined);
      if (!resolved || resolved.defined) continue;
      const sevenOnly = TABLE.get(resolved.name.toLowerCase());
      for (const p of command.parameters) {
        const name = p.name.toLowerCase();
        if (sevenOnly?.has(name)) {
          findings.push({ line: p.line, column: p.column, message: `-${p.name} of ${resolved.name} exists only in PowerShell 6/7; Windows PowerShell 5.1 fails with "A parameter cannot be found"` });
        } else if (COMMON.has(name)) {
          findings.push({ line: p.line, column: p.column, message: `-${p.name} is a common parameter of PowerShell 7.4; Windows PowerShell 5.1 does not have it (set $ProgressPreference instead)` });
        } else if (name === 'encoding' && p.value !== undefined && !ENCODINGS.has(p.value.toLowerCase())) {
          findings.push({
            line: p.line,
            column: p.column,
            message: `-Encoding ${p.value} is not a Windows PowerShell 5.1 encoding (${ENCODINGS_51.join(', ')}); for UTF-8 without BOM write the bytes with [System.IO.File]::WriteAllText and [System.Text.UTF8Encoding]::new($false)`,
          });
        }
      }
    }
    return findings;
  },
};

export default rule;
