/**
 * The C# validation callback of templates/runtime/tls-chain.ps1, compiled as Windows PowerShell 5.1's
 * Add-Type would: the engine has no Add-Type (it has Microsoft.PowerShell.Core only), so the specs compile the
 * exact source text of the runtime file with the .NET SDK against the .NET Framework 4.7.2 reference
 * assemblies at C# language version 5 (what 5.1's CodeDom compiler accepts: a C# 6 `?.` or `$""` fails the
 * build here as it would on a device), and load that assembly into the engine before the seam runs; the
 * seam finds the type already there and skips its Add-Type.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOTNET_ENV } from '../../generator/engine/dotnet-build.ts';
import { TEMPLATE_ROOT } from '../../generator/render/templates.ts';
import { REPO } from './temp-catalog.ts';

/** The C# between `$source = @'` and `'@` in the runtime file. */
export function recorderSource(): string {
  const text = readFileSync(join(TEMPLATE_ROOT, 'runtime', 'tls-chain.ps1'), 'utf8').replace(/\r\n/g, '\n');
  const found = /\$source = @'\n([\s\S]*?)\n'@/.exec(text);
  if (!found) throw new Error("templates/runtime/tls-chain.ps1 has no $source = @' ... '@ block");
  return found[1]!;
}

const PROJECT = `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net472</TargetFramework>
    <LangVersion>5</LangVersion>
    <OutputType>Library</OutputType>
    <AssemblyName>RemgenTlsRecorder</AssemblyName>
    <Nullable>disable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <AutomaticallyUseReferenceAssemblyPackages>false</AutomaticallyUseReferenceAssemblyPackages>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.NETFramework.ReferenceAssemblies.net472" Version="1.0.3" PrivateAssets="all" />
  </ItemGroup>
</Project>
`;

/** Builds (once per source text) and returns the DLL's path, or throws with the compiler's errors. */
export function compileRecorder(source = recorderSource()): string {
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const dir = join(REPO, '.tools', 'tls-recorder', hash);
  const dll = join(dir, 'bin', 'Release', 'net472', 'RemgenTlsRecorder.dll');
  if (existsSync(dll)) return dll;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Recorder.cs'), source);
  writeFileSync(join(dir, 'Recorder.csproj'), PROJECT);
  const build = spawnSync('dotnet', ['build', join(dir, 'Recorder.csproj'), '-c', 'Release', '-nologo', '-v', 'q', '-clp:NoSummary'], {
    encoding: 'utf8',
    env: { ...process.env, ...DOTNET_ENV },
  });
  if (build.status !== 0) throw new Error(`the TLS recorder does not compile as C# 5 against .NET Framework 4.7.2:\n${build.stdout}${build.stderr}`);
  return dll;
}
