/** Script samples in every encoding the PowerShell SIP distinguishes. */
export interface Sample {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const crlf = (lines: readonly string[]): string => lines.map((l) => l + '\r\n').join('');

export const SAMPLES: readonly Sample[] = [
  { name: 'plain.ps1', bytes: Buffer.from(crlf(['#Requires -Version 5.1', "Write-Output 'hello from remgen'", 'exit 0']), 'latin1') },
  { name: 'module.psm1', bytes: Buffer.from(crlf(['function Test-RgThing {', '    [CmdletBinding()] param()', '    $true', '}', 'Export-ModuleMember -Function Test-RgThing']), 'latin1') },
  { name: 'manifest.psd1', bytes: Buffer.from(crlf(['@{', "    ModuleVersion = '1.0.0'", "    RootModule = 'module.psm1'", '}']), 'latin1') },
  { name: 'lf-only.ps1', bytes: Buffer.from("Write-Output 'unix line endings'\nexit 0\n", 'latin1') },
  {
    name: 'utf8-bom.ps1',
    bytes: Buffer.concat([Uint8Array.of(0xef, 0xbb, 0xbf), Buffer.from(crlf(["Write-Output 'Grüße, naïve café ✓ 日本語 😀'", 'exit 0']), 'utf8')]),
  },
  {
    name: 'utf16le.ps1',
    bytes: Buffer.concat([Uint8Array.of(0xff, 0xfe), Buffer.from(crlf(["Write-Output 'UTF-16: Zürich ✓ 😀'", 'exit 0']), 'utf16le')]),
  },
];

/** A copy with one bit flipped in the script body (before any signature block), at an even offset. */
export function tamper(bytes: Uint8Array, offset = 10): Uint8Array {
  const copy = Buffer.from(bytes);
  copy[offset] = copy[offset]! ^ 0x01;
  return copy;
}
