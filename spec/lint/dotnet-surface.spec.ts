import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getEngine, type TypeFact } from '../../generator/engine/index.ts';
import { ensureSurfaceBuilt, getSurface, resolveOnce, surfaceInfo, type SurfaceReference } from '../../generator/engine/surface.ts';
import rule from '../../generator/lint/rules/dotnet-surface.ts';
import { remgen, REPO, scratchProject } from '../support/temp-catalog.ts';

const FIXTURES = join(REPO, 'spec', 'fixtures', 'lint', 'dotnet-surface');
/** The project's extract of the Windows PowerShell 5.1 profile (scripts/ps51-profile.ts): its type accelerators are the full profile's. */
const PROFILE = join(REPO, 'generator', 'lint', 'data', 'windows-powershell-5.1.json');
const NOT_FOUND = "in .NET Framework 4.7.2, Windows PowerShell 5.1's System.Management.Automation or its type accelerators";

async function lint(file: string): Promise<{ line: number; column: number; message: string }[]> {
  const facts = await getEngine().parse(file);
  assert.deepEqual(facts.errors, [], `${file} parses`);
  return [...(await rule.check({ file, text: readFileSync(file, 'utf8'), facts }))];
}

function scripts(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ps1'))
    .map((name) => join(dir, name))
    .sort();
}

function reference(fact: TypeFact): SurfaceReference {
  return { type: fact.type, kind: fact.kind, ...(fact.member !== undefined ? { member: fact.member } : {}) };
}

describe('lint rule dotnet-surface: .NET as Windows PowerShell 5.1 has it', function () {
  this.timeout(180_000);

  before(() => {
    ensureSurfaceBuilt((line) => process.stderr.write(line + '\n'));
  });

  it('GIVEN bad.ps1 THEN it reports every API newer than .NET Framework 4.7.2 or 5.1, every type whose assembly is not loaded, Windows Runtime types unlisted or used before their literal, and nothing else', async () => {
    assert.deepEqual(await lint(join(FIXTURES, 'bad.ps1')), [
      { line: 7, column: 8, message: '[Convert]::ToHexString: no static member ToHexString on System.Convert in .NET Framework 4.7.2 (mscorlib)' },
      {
        line: 8,
        column: 11,
        message: "[System.Net.Http.HttpClient] needs System.Net.Http, which Windows PowerShell 5.1 does not load at start: 'Add-Type -AssemblyName System.Net.Http' must come before it in the script",
      },
      { line: 9, column: 47, message: '[Net.SecurityProtocolType]::Tls13: no static member Tls13 on System.Net.SecurityProtocolType in .NET Framework 4.7.2 (System)' },
      { line: 10, column: 10, message: `[List[string]]::new: no type List\`1 ${NOT_FOUND}` },
      {
        line: 11,
        column: 12,
        message:
          "[System.IO.Compression.ZipFile] needs System.IO.Compression.FileSystem, which Windows PowerShell 5.1 does not load at start: 'Add-Type -AssemblyName System.IO.Compression.FileSystem' must come before it in the script",
      },
      { line: 13, column: 12, message: `[semver]: no type semver ${NOT_FOUND}` },
      { line: 14, column: 9, message: `[System.MathF]::Sqrt: no type System.MathF ${NOT_FOUND}` },
      { line: 15, column: 11, message: '[System.Security.Cryptography.SHA256]::HashData: no static member HashData on System.Security.Cryptography.SHA256 in .NET Framework 4.7.2 (mscorlib)' },
      { line: 16, column: 10, message: `[System.Management.Automation.PSStyle]::Instance: no type System.Management.Automation.PSStyle ${NOT_FOUND}` },
      {
        line: 17,
        column: 13,
        message:
          "[System.Collections.Generic.List[System.Net.Http.HttpMessageHandler]] needs System.Net.Http, which Windows PowerShell 5.1 does not load at start: 'Add-Type -AssemblyName System.Net.Http' must come before it in the script",
      },
      { line: 18, column: 10, message: '[System.Math]::new: no constructor: System.Math is a static class in .NET Framework 4.7.2 (mscorlib)' },
      {
        line: 19,
        column: 10,
        message: '[Windows.UI.Notifications.ToastNotification]::new: a Windows Runtime type resolves only after a [Windows.UI.Notifications.ToastNotification, Windows.UI.Notifications, ContentType = WindowsRuntime] literal of its namespace earlier in the script',
      },
      { line: 21, column: 12, message: '[Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent: GetTemplateContent is not a member remgen lists for Windows.UI.Notifications.ToastNotificationManager (generator/lint/windows-runtime-types.ts)' },
      {
        line: 22,
        column: 10,
        message: '[Windows.UI.Notifications.BadgeUpdateManager,Windows.UI.Notifications, ContentType=WindowsRuntime]: Windows.UI.Notifications.BadgeUpdateManager is not a Windows Runtime type remgen lists (generator/lint/windows-runtime-types.ts): add it there with its Microsoft reference page once it is checked',
      },
    ]);
  });

  it('GIVEN good.ps1 (accelerators, generics, using namespace, nested types, attributes, Add-Type first, Windows Runtime types after their literal) THEN it reports nothing', async () => {
    assert.deepEqual(await lint(join(FIXTURES, 'good.ps1')), []);
  });

  it('the fixtures are CRLF-only ASCII, as generated scripts are', () => {
    for (const name of ['bad.ps1', 'good.ps1']) {
      const bytes = readFileSync(join(FIXTURES, name));
      assert.ok(bytes.every((b) => b < 0x80), `${name}: ASCII`);
      assert.doesNotMatch(bytes.toString('latin1'), /[^\r]\n|\r[^\n]/, `${name}: CRLF only`);
    }
  });

  it('resolves names as 5.1 does: accelerators, System. omitted, Attribute suffix, generics, arrays, nested types, any case', async () => {
    const cases: [SurfaceReference, Partial<Record<string, unknown>>][] = [
      [{ type: 'System.Collections.Generic.List[string]', member: 'new', kind: 'static-call' }, { resolvedType: 'System.Collections.Generic.List`1[System.String]', memberFound: true, notLoadedAtStart: [] }],
      [{ type: 'System.Collections.Generic.Dictionary[string,System.Collections.Generic.List[int[]]]', kind: 'cast' }, { resolved: true, resolvedType: 'System.Collections.Generic.Dictionary`2[System.String,System.Collections.Generic.List`1[System.Int32[]]]' }],
      [{ type: 'System.Collections.Generic.List`1[System.String]', kind: 'type' }, { resolved: true, assembly: 'mscorlib' }],
      [{ type: 'List[string]', kind: 'type', namespaces: ['System.Collections.Generic'] }, { resolved: true }],
      [{ type: 'List[string]', kind: 'type' }, { resolved: false, missing: 'List`1' }],
      [{ type: 'string[,]', kind: 'constraint' }, { resolvedType: 'System.String[,]', source: 'accelerator' }],
      [{ type: 'byte[]', member: 'new', kind: 'static-call' }, { memberFound: true }],
      [{ type: 'int', member: 'new', kind: 'static-call' }, { memberFound: true }],
      [{ type: 'Environment+SpecialFolder', member: 'Windows', kind: 'static-property' }, { resolvedType: 'System.Environment+SpecialFolder', memberFound: true, memberKinds: ['field'] }],
      [{ type: 'Diagnostics.CodeAnalysis.SuppressMessage', kind: 'attribute' }, { resolvedType: 'System.Diagnostics.CodeAnalysis.SuppressMessageAttribute' }],
      [{ type: 'CmdletBinding', kind: 'attribute' }, { resolvedType: 'System.Management.Automation.CmdletBindingAttribute', source: 'accelerator' }],
      [{ type: 'STRING', member: 'isnullorempty', kind: 'static-call' }, { resolvedType: 'System.String', memberFound: true }],
      [{ type: 'ordered', kind: 'cast' }, { resolved: true, source: 'syntax' }],
      [{ type: 'pscustomobject', kind: 'cast' }, { resolvedType: 'System.Management.Automation.PSObject', assembly: 'System.Management.Automation' }],
      [{ type: 'System.Management.Automation.PSObject', member: 'AsPSObject', kind: 'static-call' }, { source: 'powershell', memberFound: true }],
      [{ type: 'System.Text.UTF8Encoding', member: 'UTF8', kind: 'static-property' }, { memberFound: true, memberKinds: ['property'] }],
      [{ type: 'Math', member: 'PI', kind: 'static-call' }, { memberFound: false }],
      [{ type: 'Math', member: 'PI', kind: 'static-property' }, { memberFound: true, memberKinds: ['field'] }],
      [{ type: 'ciminstance', member: 'Anything', kind: 'static-property' }, { resolved: true, memberFound: null }],
      [{ type: 'System.Xml.Linq.XDocument', kind: 'type' }, { assembly: 'System.Xml.Linq', notLoadedAtStart: ['System.Xml.Linq'] }],
      [{ type: 'Collections.Generic.List[System.Net.Http.HttpClient]', kind: 'type' }, { assemblies: ['mscorlib', 'System.Net.Http'], notLoadedAtStart: ['System.Net.Http'] }],
      [{ type: 'wmi', kind: 'type' }, { resolvedType: 'System.Management.ManagementObject', notLoadedAtStart: [] }],
    ];
    const answers = await getSurface().resolve(cases.map(([r]) => r));
    cases.forEach(([asked, expected], index) => {
      const answer = answers[index] as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(answer[key], value, `${JSON.stringify(asked)} ${key}: ${JSON.stringify(answer)}`);
    });
  });

  it('GIVEN a freshly built catalog THEN every type reference in every script resolves in 5.1, with its static members, (timed in the bench, not here)', async () => {
    const project = scratchProject(join(REPO, 'remediations'));
    try {
      const run = remgen(['build', '--catalog', 'catalog', '--out', 'out', '--no-sign'], project.root);
      assert.equal(run.status, 0, run.stdout + run.stderr);
      const files = scripts(project.out);
      assert.ok(files.length > 0, 'the catalog writes scripts');
      const all: SurfaceReference[] = [];
      for (const file of files) {
        const facts = await getEngine().parse(file);
        assert.ok(facts.types.length > 0, `${file} has type references`);
        const references = facts.types.map(reference);
        all.push(...references);
        const answers = await getSurface().resolve(references);
        const text = readFileSync(file, 'utf8');
        const loaded = (assembly: string): boolean => text.includes(`Add-Type -AssemblyName ${assembly}`);
        const wrong = answers.filter((a) => !a.resolved || a.memberFound === false || a.memberFound === null || (a.notLoadedAtStart ?? []).some((asm) => !loaded(asm)));
        assert.deepEqual(wrong, [], `${file}: every reference resolves, every member exists, every assembly 5.1 does not load at start is loaded with Add-Type`);
        assert.deepEqual(await rule.check({ file, text, facts }), [], file);
      }
      // One run of the program as a pipeline would use it, process start included.
      const once = resolveOnce(all);
      assert.equal(once.answers.length, all.length);
      assert.ok(once.answers.every((a) => a.resolved && a.memberFound !== false), 'one-shot answers agree');
    } finally {
      project.dispose();
    }
  });

  it("keeps 5.1's type accelerators exactly as the Windows PowerShell 5.1 profile lists them", function () {
    const profile = JSON.parse(readFileSync(PROFILE, 'utf8')) as { typeAccelerators: Record<string, { Type: string; Assembly: string }> };
    const expected = Object.fromEntries(Object.entries(profile.typeAccelerators).map(([name, a]) => [name.toLowerCase(), { type: a.Type, assembly: a.Assembly }]));
    const info = surfaceInfo();
    const kept = Object.fromEntries(Object.entries(info.accelerators).map(([name, a]) => [name.toLowerCase(), a]));
    assert.deepEqual(kept, expected);
    for (const accelerator of Object.values(kept)) assert.ok(info.loadedAtStart.includes(accelerator.assembly), `${accelerator.assembly} (accelerator ${accelerator.type}) counts as loaded at start`);
  });
});
