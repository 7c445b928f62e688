import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { psString } from '../generator/render/escape.ts';
import { OutputGateError, checkOutputBytes, gatedBytes, toCrlf } from '../generator/render/gate.ts';

const FILE = 'tls/detect.ps1';
const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

/** Runs `fn`, expects an OutputGateError naming FILE at `offset` with a reason matching `reason`. */
function rejects(fn: () => unknown, offset: number, reason: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof OutputGateError, `not an OutputGateError: ${String(error)}`);
    assert.equal(error.file, FILE);
    assert.equal(error.offset, offset);
    assert.match(error.reason, reason);
    assert.equal(error.message, `${FILE}: byte offset ${offset}: ${error.reason}`);
    return true;
  });
}

describe('output gate', () => {
  describe('checkOutputBytes', () => {
    it('passes clean ASCII with CRLF line breaks', () => {
      assert.doesNotThrow(() => checkOutputBytes(FILE, bytes("$x = 'a'\r\n\r\nWrite-Output $x\r\n")));
      assert.doesNotThrow(() => checkOutputBytes(FILE, bytes('no final newline')));
      assert.doesNotThrow(() => checkOutputBytes(FILE, bytes('')));
      assert.doesNotThrow(() => checkOutputBytes(FILE, bytes('tab\tinside a line\r\n')));
    });
    it('rejects a UTF-8 byte order mark at offset 0', () => {
      rejects(() => checkOutputBytes(FILE, bytes([0xef, 0xbb, 0xbf], 'x\r\n')), 0, /byte order mark/);
    });
    it('rejects a non-ASCII byte at its offset', () => {
      rejects(() => checkOutputBytes(FILE, bytes('ab\r\nc', [0xe2, 0x80, 0x94], '\r\n')), 5, /non-ASCII byte 0xE2/);
      rejects(() => checkOutputBytes(FILE, bytes('x', [0x80])), 1, /non-ASCII byte 0x80/);
    });
    it('rejects a lone LF at its offset', () => {
      rejects(() => checkOutputBytes(FILE, bytes('ab\r\ncd\nef')), 6, /line feed without carriage return/);
      rejects(() => checkOutputBytes(FILE, bytes('\nx')), 0, /line feed without carriage return/);
    });
    it('rejects a lone CR at its offset', () => {
      rejects(() => checkOutputBytes(FILE, bytes('ab\rcd\r\n')), 2, /carriage return without line feed/);
      rejects(() => checkOutputBytes(FILE, bytes('ab\r\ncd\r')), 6, /carriage return without line feed/);
      rejects(() => checkOutputBytes(FILE, bytes('ab\r\rn')), 2, /carriage return without line feed/);
    });
    it('reports a run of trailing whitespace at its first byte, and DEL as a control character', () => {
      rejects(() => checkOutputBytes(FILE, bytes('ab  \t\r\n')), 2, /trailing whitespace/);
      rejects(() => checkOutputBytes(FILE, bytes('ab', [0x7f], '\r\n')), 2, /control character 0x7f/);
    });
    it('gatedBytes reports the first problem in file order', () => {
      rejects(() => gatedBytes(FILE, 'a\rb\u2019'), 1, /carriage return without line feed/);
    });
    it('rejects trailing whitespace at its offset', () => {
      rejects(() => checkOutputBytes(FILE, bytes('ab \r\ncd\r\n')), 2, /trailing whitespace/);
      rejects(() => checkOutputBytes(FILE, bytes('ab\r\ncd\t\r\n')), 6, /trailing whitespace/);
      rejects(() => checkOutputBytes(FILE, bytes('ab\r\ncd ')), 6, /trailing whitespace/);
    });
    it('rejects a control character at its offset', () => {
      rejects(() => checkOutputBytes(FILE, bytes('a\r\nb', [0x00], 'c')), 4, /control character 0x00/);
      rejects(() => checkOutputBytes(FILE, bytes('a', [0x1b], '[0m')), 1, /control character 0x1b/);
      rejects(() => checkOutputBytes(FILE, bytes([0x0c])), 0, /control character 0x0c/);
    });
    it('reports the first offence when there are several', () => {
      rejects(() => checkOutputBytes(FILE, bytes('ok\r\na\nb ', [0xff])), 5, /line feed/);
    });
  });

  describe('gatedBytes', () => {
    it('turns LF into CRLF and passes clean text', () => {
      const out = gatedBytes(FILE, "$x = 'a'\n\nWrite-Output $x\n");
      assert.equal(Buffer.from(out).toString('latin1'), "$x = 'a'\r\n\r\nWrite-Output $x\r\n");
    });
    it('keeps CRLF as CRLF (no CR CR LF)', () => {
      assert.equal(Buffer.from(gatedBytes(FILE, 'a\r\nb\r\n')).toString('latin1'), 'a\r\nb\r\n');
      assert.equal(toCrlf('a\nb\r\nc'), 'a\r\nb\r\nc');
    });
    it('rejects a BOM character at offset 0', () => {
      rejects(() => gatedBytes(FILE, '\uFEFFx\n'), 0, /U\+FEFF/);
    });
    it('rejects a character above U+00FF at its byte offset after CRLF conversion', () => {
      rejects(() => gatedBytes(FILE, 'a\nb\u2014c'), 4, /non-ASCII character U\+2014/);
      rejects(() => gatedBytes(FILE, 'a\r\nb\u2019'), 4, /non-ASCII character U\+2019/);
      rejects(() => gatedBytes(FILE, '\u{1F600}'), 0, /non-ASCII character U\+D83D/);
    });
    it('rejects a character in U+0080..U+00FF as a non-ASCII byte at its offset', () => {
      rejects(() => gatedBytes(FILE, 'a\nb\u00E9'), 4, /non-ASCII byte 0xE9/);
      rejects(() => gatedBytes(FILE, '\u00A0'), 0, /non-ASCII byte 0xA0/);
    });
    it('rejects a lone CR (toCrlf does not touch it)', () => {
      rejects(() => gatedBytes(FILE, 'a\rb\n'), 1, /carriage return without line feed/);
    });
    it('rejects trailing whitespace and control characters at their offsets', () => {
      rejects(() => gatedBytes(FILE, 'x\nab \n'), 5, /trailing whitespace/);
      rejects(() => gatedBytes(FILE, 'x\na\u0007b\n'), 4, /control character 0x07/);
    });
    it('passes any psString output placed on a line', () => {
      const text = fc.string({ unit: 'binary', maxLength: 30 });
      fc.assert(fc.property(text, (s) => {
        assert.doesNotThrow(() => gatedBytes(FILE, `$value = ${psString(s)}\n`));
      }), { numRuns: 1000 });
    });
    it('gives what converting to CR LF first and checking every byte gives (its fast path for LF text included)', () => {
      // The reference: toCrlf, then one byte per UTF-16 unit (above 0xFF as 0x80), then the byte check.
      const outcome = (run: () => string): string => {
        try {
          return `bytes ${JSON.stringify(run())}`;
        } catch (error) {
          assert.ok(error instanceof OutputGateError, String(error));
          return `refused at ${error.offset}: ${error.reason.replace(/ (byte 0x|character U\+)\w+$/, '')}`;
        }
      };
      const reference = (text: string): string => {
        const crlf = toCrlf(text);
        checkOutputBytes(FILE, Uint8Array.from(crlf, (c) => Math.min(c.charCodeAt(0), 0x80)));
        return crlf;
      };
      const piece = fc.constantFrom('a', 'Z', ' ', '\t', '\n', '\r', '\r\n', '\u00e9', '\u2014', '\u0001', '\u007f', '\ufeff');
      const text = fc.array(piece, { maxLength: 14 }).map((pieces) => pieces.join(''));
      fc.assert(fc.property(text, (t) => {
        assert.equal(outcome(() => Buffer.from(gatedBytes(FILE, t)).toString('latin1')), outcome(() => reference(t)));
      }), { numRuns: 3000 });
    });
  });
});
