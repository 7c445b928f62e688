/**
 * The real Remove-RgAppxPackage seam's guard (templates/runtime/appx-write.ps1, not the simulation's fake): with
 * -AllUsers it asks the cmdlet whether it has the parameter first (docs/reference/windows-files.md 1). The engine
 * has no Appx module, which is what a device without the parameter looks like to the guard: a plain error, and
 * Remove-AppxPackage never called.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { engine, scriptFile } from '../../support/engine.ts';

describe('the real Remove-RgAppxPackage seam: -AllUsers only where the cmdlet has it', function () {
  this.timeout(120_000);
  it('refuses plainly, naming the package and the build it needs', async () => {
    const runtime = readFileSync(fileURLToPath(new URL('../../../templates/runtime/appx-write.ps1', import.meta.url)), 'utf8');
    const body = `${runtime}\ntry { Remove-RgAppxPackage -PackageFullName 'Microsoft.BingNews_4.55.62231.0_x64__8wekyb3d8bbwe' -AllUsers; 'removed' } catch { $_.Exception.Message }\n`;
    const run = await engine().run({ file: scriptFile(body) });
    assert.deepEqual(run.errors, []);
    assert.deepEqual(run.output, ['Remove-AppxPackage on this Windows has no -AllUsers (it needs Windows 10 1809, build 17763, or later): Microsoft.BingNews_4.55.62231.0_x64__8wekyb3d8bbwe was not removed for every user']);
  });
});
