/**
 * The escaper against the real PowerShell engine: every literal psString writes is parsed and evaluated
 * by the engine, one at a time, in one engine process. Each must be a constant (no variable,
 * subexpression, expandable string, script block or command) and evaluate to exactly its input.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DASHES, DOUBLE_QUOTES, psString, psValue, SINGLE_QUOTES } from '../../generator/render/escape.ts';
import { engine } from '../support/engine.ts';

const TRICKY: readonly string[] = [
  ...SINGLE_QUOTES, ...DOUBLE_QUOTES, ...DASHES,
  '$', '$(', '${', '$(Get-Date)', '${env:PATH}', '`', '``', '`$', '`e', '`u{1F600}', '\n', '\r', '\r\n', '\u0085', '\u2028', '\u2029',
  '\0', '\x01', '\x07', '\x1B', '\x7F', '\t', '\u00A0', '\uFEFF', '#', '<#', '#>', "@'", "'@", '@"', '"@', '@',
  '{', '}', '(', ')', '[', ']', '+', ';', '|', '&', ' ', 'a', 'Z', '0', '\\', '\u{1F600}', '\uD83D', '\uDE00', '\u00E9', '\u2192',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const tricky = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...TRICKY) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 4 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: loneSurrogate },
  ),
  { maxLength: 12 },
).map((parts) => parts.join(''));

const RUNS = 10_000;

describe('engine: psString literals parsed and evaluated by PowerShell', function () {
  this.timeout(180_000);

  it(`${RUNS} seeded strings (every quote and dash class, $() \${} backticks, line breaks, controls, surrogates, here-string and comment markers) are constants equal to their input`, async () => {
    const inputs = [...TRICKY, '', ...fc.sample(tricky, { numRuns: RUNS, seed: 0x5eed })];
    const literals = inputs.map((s) => psString(s));
    const results = await engine().literals(literals, inputs);
    assert.equal(results.length, inputs.length);
    const failures: string[] = [];
    results.forEach((result, index) => {
      const input = inputs[index]!;
      const problem =
        result.errors.length > 0 ? `parse errors ${result.errors.join('; ')}`
          : !result.constant ? `not a constant: ${result.dynamic.join(', ')}`
            : result.evalError ? `evaluation failed: ${result.evalError}`
              : result.count !== 1 || result.type !== 'System.String' ? `evaluated to ${result.count} value(s) of type ${result.type}`
                : result.equal !== true ? `evaluated to code units ${result.valueHex}` : '';
      if (problem) failures.push(`${JSON.stringify(input)} -> ${literals[index]}: ${problem}`);
    });
    assert.deepEqual(failures.slice(0, 10), []);
  });

  it('the check can fail: a literal that is not escaped is caught', async () => {
    const [open, expand] = await engine().literals(["'it's'", '"$(1+1)"']);
    assert.ok(open!.errors.length > 0, 'an undoubled quote does not parse');
    assert.equal(expand!.constant, false, 'a subexpression is not a constant');
  });

  it('arrays of tricky strings stay one element each', async () => {
    const items = fc.sample(fc.array(tricky, { minLength: 2, maxLength: 5 }), { numRuns: 200, seed: 7 });
    const joined = items.map((list) => `(${psValue(list)}) -join [char]0x0001`);
    const results = await engine().literals(joined, items.map((list) => list.join('\u0001')));
    results.forEach((result, index) => {
      assert.equal(result.equal, true, `${joined[index]}: ${result.valueHex ?? result.evalError ?? result.errors.join('; ')}`);
    });
  });
});
