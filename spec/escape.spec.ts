import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  DASHES, DOUBLE_QUOTES, EscapeError, SINGLE_QUOTES, escapeBlockCommentContent, escapeFormatStringContent,
  escapeSingleQuotedContent, escapeVariableName, psArray, psComment, psHashtable, psInt, psString, psValue,
} from '../generator/render/escape.ts';
import { PsLiteralError, codeOutsideLiterals, evaluate, evaluateString, tokenize } from './support/powershell-literal.ts';

const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/** Characters the tokenizer treats specially, plus near misses, drawn from heavily by the biased generator. */
const TRICKY: readonly string[] = [
  ...SINGLE_QUOTES, ...DOUBLE_QUOTES, ...DASHES,
  '$', '`', '\n', '\r', '\r\n', '\t', '\0', '\x7F', '\x1B', '\u0085', '\u00A0', '\u2028', '\uFEFF',
  '#', '<#', '#>', '@', '{', '}', '(', ')', '[', ']', '+', ';', ' ', 'a', 'Z', '0', '\\',
  '\u{1F600}', '\uD83D', '\uDE00', '\u00E9', '\u2192', '\u2026',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
/** Any UTF-16 string: every code point, and unpaired surrogates too. */
const anyString = fc.string({
  unit: fc.oneof({ weight: 8, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: loneSurrogate }),
  maxLength: 40,
});
/** Mostly tricky characters, with some printable ASCII and arbitrary code points in between. */
const trickyString = fc.string({
  unit: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...TRICKY) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: loneSurrogate },
  ),
  maxLength: 30,
});

const hex = (s: string): string => [...s].map((c) => c.codePointAt(0)!.toString(16)).join(' ');

describe('escape', () => {
  describe('the TS evaluator of PowerShell literals (spec/support/powershell-literal.ts)', () => {
    it('reads verbatim strings opened and closed by any single-quote-class character', () => {
      assert.equal(evaluateString("'abc'"), 'abc');
      assert.equal(evaluateString('\u2018abc\u2019'), 'abc');
      assert.equal(evaluateString("'abc\u201B"), 'abc');
      assert.equal(evaluateString("''"), '');
    });
    it('turns a pair of single-quote-class characters into the second one', () => {
      assert.equal(evaluateString("'a''b'"), "a'b");
      assert.equal(evaluateString("'a\u2019'b'"), "a'b");
      assert.equal(evaluateString("'a'\u2019b'"), 'a\u2019b');
      assert.equal(evaluateString("''''"), "'");
    });
    it('reads $, backtick and double quotes inside a verbatim string as plain text', () => {
      assert.equal(evaluateString("'$x `n \"y\"'"), '$x `n "y"');
    });
    it('concatenates [char] terms onto a string, left to right, through parentheses', () => {
      assert.equal(evaluateString("('a' + [char]0x0042 + 'c')"), 'aBc');
      assert.equal(evaluateString("('' + [CHAR]0x41)"), 'A');
      assert.equal(evaluateString("(('x') + ('' + [char]0x000A))"), 'x\n');
    });
    it('keeps the [char] type of a lone [char] term', () => {
      assert.deepEqual(evaluate('[char]0x2019'), { type: 'char', code: 0x2019 });
      assert.throws(() => evaluateString('[char]0x2019'), PsLiteralError);
    });
    for (const [source, why] of [
      ['$x', 'a variable'],
      ["'a' + $x", 'a variable after +'],
      ['"abc"', 'a double-quoted string'],
      ['\u201Cabc\u201D', 'a typographic double-quoted string'],
      ["'abc", 'an unterminated literal'],
      ["'abc''", 'a literal whose last quote is doubled'],
      ["[char]0x41 + 'b'", 'a [char] on the left of +'],
      ["[char]0x41 + [char]0x42", 'two [char] terms (numeric addition)'],
      ["[int]5", 'another type'],
      ["[char]0x110000", 'a [char] out of range'],
      ["[char]0x41z", 'a malformed [char] term'],
      ["('a'", 'a missing )'],
      ["'a' 'b'", 'two terms without +'],
      ["'a' +", 'a trailing +'],
      ['', 'nothing'],
      ['`n', 'a backtick escape outside a string'],
      ["'a'\n+ 'b'", 'a line break'],
    ] as const) {
      it(`rejects ${why}: ${JSON.stringify(source)}`, () => {
        assert.throws(() => evaluate(source), PsLiteralError);
      });
    }
    it('shows code outside literals, including a $ there', () => {
      assert.equal(codeOutsideLiterals("('a$' + $b + [char]0x41)"), '( + $b + [char]0x41)');
      assert.equal(codeOutsideLiterals("'it''s $x'"), '');
      assert.throws(() => codeOutsideLiterals("'open"), PsLiteralError);
    });
  });

  describe('psString: table', () => {
    const table: ReadonlyArray<readonly [string, string, string]> = [
      ['U+0027 apostrophe', "'", "''''"],
      ['U+2018', '\u2018', "('' + [char]0x2018)"],
      ['U+2019', '\u2019', "('' + [char]0x2019)"],
      ['U+201A', '\u201A', "('' + [char]0x201A)"],
      ['U+201B', '\u201B', "('' + [char]0x201B)"],
      ['U+0022 quotation mark', '"', `'"'`],
      ['U+201C', '\u201C', "('' + [char]0x201C)"],
      ['U+201D', '\u201D', "('' + [char]0x201D)"],
      ['U+201E', '\u201E', "('' + [char]0x201E)"],
      ['U+2013 en dash', '\u2013', "('' + [char]0x2013)"],
      ['U+2014 em dash', '\u2014', "('' + [char]0x2014)"],
      ['U+2015 horizontal bar', '\u2015', "('' + [char]0x2015)"],
      ['hyphen-minus', '-', "'-'"],
      ['dollar', '$', "'$'"],
      ['subexpression', '$(x)', "'$(x)'"],
      ['variable', '$env:TEMP', "'$env:TEMP'"],
      ['backtick', '`', "'`'"],
      ['backtick escape', '`n', "'`n'"],
      ['LF', '\n', "('' + [char]0x000A)"],
      ['CRLF', '\r\n', "('' + [char]0x000D + [char]0x000A)"],
      ['tab', '\t', "('' + [char]0x0009)"],
      ['NUL', '\0', "('' + [char]0x0000)"],
      ['DEL U+007F', '\x7F', "('' + [char]0x007F)"],
      ['ESC', '\x1B', "('' + [char]0x001B)"],
      ['block comment close', '#>', "'#>'"],
      ['block comment open', '<#', "'<#'"],
      ['here-string opener', "@'", "'@'''"],
      ['empty string', '', "''"],
      ['surrogate pair (emoji U+1F600)', '\u{1F600}', "('' + [char]0xD83D + [char]0xDE00)"],
      ['lone high surrogate', '\uD83D', "('' + [char]0xD83D)"],
      ['BOM U+FEFF', '\uFEFF', "('' + [char]0xFEFF)"],
      ['ASCII text', 'Hello, World', "'Hello, World'"],
      ['doubled apostrophes', "it's 'x'", "'it''s ''x'''"],
      ['typographic quote inside text', 'O\u2019Brien', "('O' + [char]0x2019 + 'Brien')"],
      ['text ending in a control character', 'line\r\n', "('line' + [char]0x000D + [char]0x000A)"],
      [
        'mixed text',
        'It\u2019s \u201Cdone\u201D \u2013 $HOME `t\n\u00E9',
        "('It' + [char]0x2019 + 's ' + [char]0x201C + 'done' + [char]0x201D + ' ' + [char]0x2013 + ' $HOME `t' + [char]0x000A + [char]0x00E9)",
      ],
    ];
    for (const [name, input, expected] of table) {
      it(`${name}: ${JSON.stringify(input)} -> ${expected}`, () => {
        const actual = psString(input);
        assert.equal(actual, expected);
        assert.equal(evaluateString(actual), input, 'the literal evaluates back to the input');
      });
    }
  });

  describe('escapeSingleQuotedContent: table', () => {
    for (const q of SINGLE_QUOTES) {
      it(`doubles U+${q.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`, () => {
        assert.equal(escapeSingleQuotedContent(q), q + q);
        assert.equal(escapeSingleQuotedContent(`a${q}b`), `a${q}${q}b`);
      });
    }
    it('the class is exactly U+0027, U+2018, U+2019, U+201A, U+201B (CharTraits.cs IsSingleQuote)', () => {
      assert.deepEqual([...SINGLE_QUOTES].map((c) => c.charCodeAt(0)), [0x27, 0x2018, 0x2019, 0x201a, 0x201b]);
      assert.deepEqual([...DOUBLE_QUOTES].map((c) => c.charCodeAt(0)), [0x22, 0x201c, 0x201d, 0x201e]);
      assert.deepEqual([...DASHES].map((c) => c.charCodeAt(0)), [0x2d, 0x2013, 0x2014, 0x2015]);
    });
    for (const c of [...DOUBLE_QUOTES, ...DASHES, '$', '`', '\n', '\0', '\u201C\u201D']) {
      it(`leaves ${JSON.stringify(c)} alone`, () => {
        assert.equal(escapeSingleQuotedContent(c), c);
      });
    }
    it('doubles each quote of a mixed run separately', () => {
      assert.equal(escapeSingleQuotedContent("'\u2018\u2019\u201A\u201B"), "''\u2018\u2018\u2019\u2019\u201A\u201A\u201B\u201B");
      assert.equal(escapeSingleQuotedContent(''), '');
    });
  });

  describe('escapeBlockCommentContent: table', () => {
    const table: ReadonlyArray<readonly [string, string]> = [
      ['<#', '<`#'],
      ['#>', '#`>'],
      ['<# x #>', '<`# x #`>'],
      ['<#>', '<`#`>'],
      ['<##>', '<`##`>'],
      ['# plain > text <', '# plain > text <'],
      ['', ''],
    ];
    for (const [input, expected] of table) {
      it(`${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => {
        const actual = escapeBlockCommentContent(input);
        assert.equal(actual, expected);
        assert.ok(!actual.includes('<#') && !actual.includes('#>'));
      });
    }
  });

  describe('escapeFormatStringContent: table', () => {
    for (const [input, expected] of [['{0}', '{{0}}'], ['}{', '}}{{'], ['a {b} c', 'a {{b}} c'], ['no braces', 'no braces'], ['', '']] as const) {
      it(`${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => {
        assert.equal(escapeFormatStringContent(input), expected);
      });
    }
  });

  describe('escapeVariableName: table', () => {
    for (const [input, expected] of [['a{b}c', 'a`{b`}c'], ['x`y', 'x``y'], ['{', '`{'], ['plain_Name1', 'plain_Name1'], ['$x', '$x']] as const) {
      it(`${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => {
        assert.equal(escapeVariableName(input), expected);
      });
    }
  });

  describe('psComment: table', () => {
    const table: ReadonlyArray<readonly [string, string, string]> = [
      ['typographic quotes and dashes folded', 'It\u2019s \u201Cfine\u201D \u2013 \u2014 \u2015 \u2018a\u2019 \u201Ab\u201B \u201Ec', 'It\'s "fine" - - - \'a\' \'b\' "c'],
      ['ellipsis, nbsp, arrow', 'a\u2026b\u00A0c\u2192d', 'a...b c->d'],
      ['line breaks and tabs become spaces', 'one\r\ntwo\nthree\tfour', 'one  two three four'],
      ['trailing whitespace dropped', 'end\n', 'end'],
      ['control characters', 'a\0b\x1Bc\x7Fd', 'a b c d'],
      ['other non-ASCII shown as U+', 'caf\u00E9 \u{1F600}', 'cafU+00E9 U+1F600'],
      ['block comment markers neutralised', 'x #> y <# z', 'x #`> y <`# z'],
      ['$ and backtick kept (comment text is inert)', '$x `n', '$x `n'],
      ['empty', '', ''],
    ];
    for (const [name, input, expected] of table) {
      it(`${name}: ${JSON.stringify(input)}`, () => {
        const actual = psComment(input);
        assert.equal(actual, expected);
        assert.match(actual, PRINTABLE_ASCII);
      });
    }
  });

  describe('psInt', () => {
    for (const [n, s] of [[0, '0'], [1, '1'], [-5, '-5'], [0x800, '2048'], [Number.MAX_SAFE_INTEGER, '9007199254740991'], [Number.MIN_SAFE_INTEGER, '-9007199254740991']] as const) {
      it(`${n} -> ${s}`, () => assert.equal(psInt(n), s));
    }
    for (const n of [Number.MAX_SAFE_INTEGER + 1, -(2 ** 60), 1.5, -0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      it(`refuses ${n}`, () => assert.throws(() => psInt(n), EscapeError));
    }
  });

  describe('psHashtable', () => {
    it('an empty table', () => assert.equal(psHashtable({}), '[ordered]@{}'));
    it('aligns keys, one per line, values escaped', () => {
      assert.equal(
        psHashtable({ a: "it's", Long_1: 2, flag: true, none: null }),
        "[ordered]@{\n    a      = 'it''s'\n    Long_1 = 2\n    flag   = $true\n    none   = $null\n}",
      );
    });
    it('indents nested tables and arrays', () => {
      assert.equal(
        psHashtable({ outer: { inner: ['x', 1] } }),
        "[ordered]@{\n    outer = [ordered]@{\n        inner = @('x', 1)\n    }\n}",
      );
    });
    for (const key of ['', '1a', '_a', 'a-b', 'a b', 'a.b', '$a', "a'", 'caf\u00E9', 'a\n', 'a=1;b']) {
      it(`refuses the key ${JSON.stringify(key)}`, () => {
        assert.throws(() => psHashtable({ [key]: 1 }), EscapeError);
      });
    }
    it('refuses a bad key nested in a table', () => {
      assert.throws(() => psHashtable({ ok: { 'not ok': 1 } }), EscapeError);
    });
  });

  describe('psArray', () => {
    it('an empty array', () => assert.equal(psArray([]), '@()'));
    it('mixed values, each one element', () => {
      assert.equal(psArray(['a, b', 1, true, false, null]), "@('a, b', 1, $true, $false, $null)");
    });
    it('escaped strings stay one element', () => {
      assert.equal(psArray(['x\u2019, y', '\n']), "@(('x' + [char]0x2019 + ', y'), ('' + [char]0x000A))");
    });
    it('refuses a non-integer number inside', () => {
      assert.throws(() => psArray([1, 2.5]), EscapeError);
    });
  });

  describe('properties', () => {
    const roundTrip = (s: string): void => {
      const literal = psString(s);
      assert.equal(evaluateString(literal), s, `psString(${JSON.stringify(s)}) = ${literal} (input code points: ${hex(s)})`);
    };
    const asciiOnly = (s: string): void => {
      const literal = psString(s);
      assert.match(literal, PRINTABLE_ASCII, `psString(${JSON.stringify(s)}) = ${JSON.stringify(literal)} is not printable ASCII`);
    };
    const noDollarInCode = (s: string): void => {
      const code = codeOutsideLiterals(psString(s));
      assert.ok(!code.includes('$'), `a $ outside a literal in psString(${JSON.stringify(s)}): ${code}`);
      assert.ok(!code.includes('`'), `a backtick outside a literal in psString(${JSON.stringify(s)}): ${code}`);
      assert.ok(!/["\u201C\u201D\u201E]/.test(code), `a double quote outside a literal in psString(${JSON.stringify(s)}): ${code}`);
    };
    const wrapped = (s: string): void => {
      assert.equal(evaluateString(`'${escapeSingleQuotedContent(s)}'`), s);
    };

    for (const [name, arb, runs] of [['any UTF-16 string', anyString, 2000], ['strings of quote/dash/control/$/backtick characters', trickyString, 3000]] as const) {
      describe(name, () => {
        it('evaluate(psString(s)) === s', () => fc.assert(fc.property(arb, roundTrip), { numRuns: runs }));
        it('psString(s) is printable ASCII only', () => fc.assert(fc.property(arb, asciiOnly), { numRuns: runs }));
        it('psString(s) has no $, backtick or double quote outside a single-quoted literal', () => fc.assert(fc.property(arb, noDollarInCode), { numRuns: runs }));
        it("'" + 'escapeSingleQuotedContent(s)' + "' evaluates to s", () => fc.assert(fc.property(arb, wrapped), { numRuns: runs }));
        it('psString(s) is one expression token stream the evaluator accepts in full', () =>
          fc.assert(fc.property(arb, (s) => {
            const tokens = tokenize(psString(s));
            assert.ok(tokens.length === 1 ? tokens[0]!.kind === 'string' : tokens[0]!.kind === 'open' && tokens.at(-1)!.kind === 'close');
          }), { numRuns: runs }));
      });
    }

    it('psValue of arrays of arbitrary strings keeps every element', () => {
      fc.assert(fc.property(fc.array(trickyString, { maxLength: 6 }), (items) => {
        const source = psValue(items);
        assert.match(source, PRINTABLE_ASCII);
        assert.ok(source.startsWith('@(') && source.endsWith(')'));
        const inner = source.slice(2, -1);
        if (items.length === 0) return assert.equal(inner, '');
        // Split at the ', ' separators that sit outside literals and parentheses.
        const parts: string[] = [];
        let depth = 0;
        let start = 0;
        let inString = false;
        for (let i = 0; i < inner.length; i += 1) {
          const c = inner.charCodeAt(i);
          const quote = SINGLE_QUOTES.includes(inner[i]!);
          if (inString) {
            if (quote && SINGLE_QUOTES.includes(inner[i + 1] ?? '')) i += 1;
            else if (quote) inString = false;
          } else if (quote) inString = true;
          else if (c === 0x28) depth += 1;
          else if (c === 0x29) depth -= 1;
          else if (c === 0x2c && depth === 0) {
            parts.push(inner.slice(start, i));
            start = i + 2;
          }
        }
        parts.push(inner.slice(start));
        assert.deepEqual(parts.map(evaluateString), items);
      }), { numRuns: 500 });
    });
  });

  describe('the printable-ASCII fast paths write what the character loops wrote', () => {
    // The loops as they were before the fast paths (issue 16): the reference for the same bytes.
    const loopEscape = (value: string): string => {
      let out = '';
      for (const c of value) out += SINGLE_QUOTES.includes(c) ? c + c : c;
      return out;
    };
    const loopString = (value: string): string => {
      const terms: string[] = [];
      let run = '';
      for (let i = 0; i < value.length; i += 1) {
        const code = value.charCodeAt(i);
        if (code >= 0x20 && code <= 0x7e) {
          run += value[i];
          continue;
        }
        if (run) terms.push(`'${loopEscape(run)}'`);
        run = '';
        terms.push(`[char]0x${code.toString(16).toUpperCase().padStart(4, '0')}`);
      }
      if (run || terms.length === 0) terms.push(`'${loopEscape(run)}'`);
      if (terms.length === 1 && terms[0]!.startsWith("'")) return terms[0]!;
      if (!terms[0]!.startsWith("'")) terms.unshift("''");
      return `(${terms.join(' + ')})`;
    };
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.array(fc.constantFrom(...SINGLE_QUOTES, ...DOUBLE_QUOTES, ...DASHES, 'a', ' ', '<#', '#>', '\n', '\u00e9', '\u{1F600}'), { maxLength: 12 }).map((parts) => parts.join('')),
    );
    it('escapeSingleQuotedContent and psString', () => {
      fc.assert(fc.property(text, (value) => {
        assert.equal(escapeSingleQuotedContent(value), loopEscape(value));
        assert.equal(psString(value), loopString(value));
      }), { numRuns: 3000 });
    });
    it('psComment: printable ASCII as it was (trailing spaces dropped, block comment marks neutralised)', () => {
      fc.assert(fc.property(fc.string({ maxLength: 40 }).filter((v) => PRINTABLE_ASCII.test(v)), (value) => {
        assert.equal(psComment(value), escapeBlockCommentContent(value.replace(/ +$/g, '')));
      }), { numRuns: 2000 });
    });
  });
});
