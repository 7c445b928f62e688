/** The step contract, held for every room in the registry (generator/steps/index.ts). */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATE_ROOT } from '../../generator/render/templates.ts';
import { rooms } from '../../generator/steps/index.ts';
import { SCRIPT_KINDS } from '../../generator/steps/custom/script-common.ts';
import { REPO } from '../support/temp-catalog.ts';

const functionsIn = (file: string): string[] =>
  [...readFileSync(join(TEMPLATE_ROOT, 'steps', file), 'utf8').matchAll(/^function ([A-Za-z-]+)/gm)].map((m) => m[1]!);

describe('the step contract, every room', () => {
  for (const room of rooms.values()) {
    describe(`room ${room.kind} (${room.category})`, () => {
      it('its test half defines the test function and no set function; its runtime files exist', () => {
        const defined = functionsIn(room.script);
        assert.ok(defined.includes(room.functions.test), `${room.script} defines ${room.functions.test}`);
        if (room.functions.set) assert.ok(!defined.includes(room.functions.set), `${room.script} must not define ${room.functions.set}: the detection carries no function that changes the device`);
        for (const file of [...room.runtime, ...(room.setRuntime ?? [])]) assert.ok(existsSync(join(TEMPLATE_ROOT, 'runtime', file)), `templates/runtime/${file}`);
      });

      if (room.category === 'probe') {
        it('a probe reads and reports: no set function, no set half, no write seams', () => {
          assert.equal(room.functions.set, undefined);
          assert.equal(room.setScript, undefined);
          assert.equal(room.setRuntime, undefined);
        });
      } else {
        it('a setting or action has a set half that defines exactly its set function and asks ShouldProcess', () => {
          assert.ok(room.setScript && room.functions.set, 'setScript and functions.set');
          assert.deepEqual(functionsIn(room.setScript), [room.functions.set]);
          const text = readFileSync(join(TEMPLATE_ROOT, 'steps', room.setScript), 'utf8');
          if (SCRIPT_KINDS.includes(String(room.kind))) {
            // A script step's set half runs the admin's function, which the check stage holds to ShouldProcess
            // (generator/lint/step-file.ts; spec/steps/custom/script-step.spec.ts); -WhatIf reaches it through the wrapper.
            assert.match(text, /SupportsShouldProcess = \$true/);
            assert.match(readFileSync(join(REPO, 'generator', 'lint', 'step-file.ts'), 'utf8'), /\\\$PSCmdlet\\\.ShouldProcess\\\(/);
          } else {
            assert.match(text, /\$PSCmdlet\.ShouldProcess\(/);
          }
        });
      }

      it('reaches Windows only through the seams', () => {
        for (const file of [room.script, ...(room.setScript ? [room.setScript] : [])]) {
          const text = readFileSync(join(TEMPLATE_ROOT, 'steps', file), 'utf8');
          assert.doesNotMatch(text, /Microsoft\.Win32\.Registry|ItemProperty|System\.Diagnostics\.Process|Start-Process/, file);
        }
      });
    });
  }
});
