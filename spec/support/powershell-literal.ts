/**
 * An independent evaluator for the PowerShell expressions the escaper emits, written from the tokenizer
 * rules in docs/reference/powershell.md B.3 (CharTraits.cs, ScanStringLiteral), not from escape.ts.
 *
 * Supported subset, and nothing else:
 *   expr  := term ( '+' term )*            left to right
 *   term  := verbatim | char | '(' expr ')'
 *   verbatim: opened by any single-quote-class character; inside, a single-quote-class character ends
 *             the string unless the next character is also single-quote-class, in which case the pair
 *             yields the second character.
 *   char  := '[char]' hex-integer           e.g. [char]0x00E9 (type name case-insensitive, value <= 0xFFFF)
 * `+` with a string on the left concatenates (the right operand converted to text); with a [char] on the
 * left PowerShell would add numbers or fail, so the evaluator throws. Anything else (`$`, a double-quoted
 * string, an unterminated literal, a stray token) throws.
 */

/** CharTraits.cs IsSingleQuote: U+0027 and the four typographic single quotes. */
const SINGLE_QUOTE_CLASS = new Set([0x27, 0x2018, 0x2019, 0x201a, 0x201b]);
export const isSingleQuoteClass = (code: number): boolean => SINGLE_QUOTE_CLASS.has(code);

export class PsLiteralError extends Error {}

export type PsLiteralValue = { readonly type: 'string'; readonly value: string } | { readonly type: 'char'; readonly code: number };

export type Token =
  | { readonly kind: 'string'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly kind: 'char'; readonly code: number; readonly start: number; readonly end: number }
  | { readonly kind: 'plus' | 'open' | 'close'; readonly start: number; readonly end: number };

const isBlank = (c: string): boolean => c === ' ' || c === '\t';

/** Splits `source` into tokens of the subset; throws on any character that cannot start one. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const code = source.charCodeAt(i);
    if (isBlank(c)) {
      i += 1;
    } else if (isSingleQuoteClass(code)) {
      const start = i;
      let value = '';
      i += 1;
      for (;;) {
        if (i >= source.length) throw new PsLiteralError(`unterminated single-quoted string starting at ${start}`);
        const inner = source.charCodeAt(i);
        if (isSingleQuoteClass(inner)) {
          if (i + 1 < source.length && isSingleQuoteClass(source.charCodeAt(i + 1))) {
            value += source[i + 1];
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += source[i];
        i += 1;
      }
      tokens.push({ kind: 'string', value, start, end: i });
    } else if (c === '[') {
      const start = i;
      const match = /^\[char\]0x([0-9a-f]+)/i.exec(source.slice(i));
      if (!match) throw new PsLiteralError(`unsupported token at ${i}: ${JSON.stringify(source.slice(i, i + 12))}`);
      const next = source[i + match[0].length];
      if (next !== undefined && /[0-9A-Za-z_.]/.test(next)) throw new PsLiteralError(`malformed [char] term at ${i}`);
      const value = Number.parseInt(match[1]!, 16);
      if (value > 0xffff) throw new PsLiteralError(`[char] value out of range at ${i}: 0x${match[1]}`);
      i += match[0].length;
      tokens.push({ kind: 'char', code: value, start, end: i });
    } else if (c === '+' || c === '(' || c === ')') {
      tokens.push({ kind: c === '+' ? 'plus' : c === '(' ? 'open' : 'close', start: i, end: i + 1 });
      i += 1;
    } else {
      throw new PsLiteralError(`unsupported character ${JSON.stringify(c)} (U+${code.toString(16).toUpperCase().padStart(4, '0')}) at ${i}`);
    }
  }
  return tokens;
}

const text = (v: PsLiteralValue): string => (v.type === 'string' ? v.value : String.fromCharCode(v.code));

/** Evaluates one expression of the subset and returns its value with its PowerShell type. */
export function evaluate(source: string): PsLiteralValue {
  const tokens = tokenize(source);
  let pos = 0;

  const term = (): PsLiteralValue => {
    const t = tokens[pos];
    if (!t) throw new PsLiteralError('expected a term, found the end of the input');
    pos += 1;
    if (t.kind === 'string') return { type: 'string', value: t.value };
    if (t.kind === 'char') return { type: 'char', code: t.code };
    if (t.kind === 'open') {
      const inner = expr();
      const close = tokens[pos];
      if (!close || close.kind !== 'close') throw new PsLiteralError(`missing ')' for '(' at ${t.start}`);
      pos += 1;
      return inner;
    }
    throw new PsLiteralError(`unexpected '${source.slice(t.start, t.end)}' at ${t.start}`);
  };

  const expr = (): PsLiteralValue => {
    let left = term();
    while (tokens[pos]?.kind === 'plus') {
      const at = tokens[pos]!.start;
      pos += 1;
      const right = term();
      if (left.type !== 'string') throw new PsLiteralError(`'+' at ${at} has a [char] on its left: PowerShell adds numbers there, it does not concatenate`);
      left = { type: 'string', value: left.value + text(right) };
    }
    return left;
  };

  const value = expr();
  if (pos !== tokens.length) throw new PsLiteralError(`unexpected '${source.slice(tokens[pos]!.start, tokens[pos]!.end)}' at ${tokens[pos]!.start}`);
  return value;
}

/** Evaluates and requires the result to be a [string] (a lone [char] is a different type in PowerShell). */
export function evaluateString(source: string): string {
  const value = evaluate(source);
  if (value.type !== 'string') throw new PsLiteralError(`the expression is a [char], not a [string]: ${source}`);
  return value.value;
}

/**
 * The source with every single-quoted literal removed: what PowerShell reads as code rather than data.
 * Unlike {@link tokenize} it accepts any other character, so a `$` outside a literal shows up here.
 */
export function codeOutsideLiterals(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    if (!isSingleQuoteClass(source.charCodeAt(i))) {
      out += source[i];
      i += 1;
      continue;
    }
    i += 1;
    for (;;) {
      if (i >= source.length) throw new PsLiteralError('unterminated single-quoted string');
      if (isSingleQuoteClass(source.charCodeAt(i))) {
        if (i + 1 < source.length && isSingleQuoteClass(source.charCodeAt(i + 1))) {
          i += 2;
          continue;
        }
        i += 1;
        break;
      }
      i += 1;
    }
  }
  return out;
}
