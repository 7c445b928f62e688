/**
 * The only way descriptor data reaches PowerShell source.
 *
 * The character classes mirror PowerShell's tokenizer (`CharTraits.cs`: IsSingleQuote, IsDoubleQuote,
 * IsDash) and the four escapers mirror the engine's own `CodeGeneration` class
 * (see docs/reference/powershell.md, B.3). Everything emitted is 7-bit ASCII: any character outside
 * printable ASCII becomes a `[char]0xNNNN` term, so the output reads the same under any code page (B.4).
 */

/** U+0027 and the four typographic single quotes the tokenizer treats as the same character. */
export const SINGLE_QUOTES: readonly string[] = ['\u0027', '\u2018', '\u2019', '\u201A', '\u201B'];
/** U+0022 and the three typographic double quotes. */
export const DOUBLE_QUOTES: readonly string[] = ['\u0022', '\u201C', '\u201D', '\u201E'];
/** ASCII hyphen-minus and the three dashes PowerShell accepts wherever `-` is expected. */
export const DASHES: readonly string[] = ['\u002D', '\u2013', '\u2014', '\u2015'];

export const isSingleQuote = (c: string): boolean => SINGLE_QUOTES.includes(c);
export const isDoubleQuote = (c: string): boolean => DOUBLE_QUOTES.includes(c);
export const isDash = (c: string): boolean => DASHES.includes(c);

/** Identifiers that may become PowerShell names (hashtable keys, function suffixes). */
export const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

export class EscapeError extends Error {}

/** The single-quote-class characters ({@link SINGLE_QUOTES}), as one character class. */
const SINGLE_QUOTE_CLASS = /[\u0027\u2018\u2019\u201A\u201B]/g;

/** Mirror of `CodeGeneration.EscapeSingleQuotedStringContent`: doubles every single-quote-class character. */
export function escapeSingleQuotedContent(value: string): string {
  // All five are single UTF-16 units outside the surrogate range, so a code-unit replace is the per-character rule.
  return value.replace(SINGLE_QUOTE_CLASS, (c) => c + c);
}

/** Nothing but printable ASCII (the common case of descriptor text, taken without a loop). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Mirror of `CodeGeneration.EscapeBlockCommentContent`: `<#` and `#>` can no longer open or close a block comment. */
export function escapeBlockCommentContent(value: string): string {
  return value.replaceAll('<#', '<`#').replaceAll('#>', '#`>');
}

/** Mirror of `CodeGeneration.EscapeFormatStringContent`: braces doubled for the `-f` operator. */
export function escapeFormatStringContent(value: string): string {
  return value.replaceAll('{', '{{').replaceAll('}', '}}');
}

/** Mirror of `CodeGeneration.EscapeVariableName`: backtick and braces escaped for `${...}` names. */
export function escapeVariableName(value: string): string {
  return value.replace(/[`{}]/g, (c) => '`' + c);
}

const isPrintableAscii = (code: number): boolean => code >= 0x20 && code <= 0x7e;

const charTerm = (code: number): string => `[char]0x${code.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * A PowerShell expression whose value is exactly `value`, written in 7-bit ASCII.
 *
 * Printable ASCII runs become single-quoted literals (quote characters doubled); every other UTF-16 code
 * unit (control characters, newlines, typographic quotes and dashes, any non-ASCII) becomes
 * `[char]0xNNNN`. Anything but a single literal is parenthesised and starts with a string, so `+`
 * concatenates instead of adding character codes, the value is always a [string], and the expression
 * is safe in argument mode too.
 */
export function psString(value: string): string {
  // One literal; of the single-quote class only U+0027 is ASCII.
  if (PRINTABLE_ASCII.test(value)) return `'${value.replaceAll("'", "''")}'`;
  const terms: string[] = [];
  let run = '';
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (isPrintableAscii(code)) {
      run += value[i];
      continue;
    }
    if (run) terms.push(`'${escapeSingleQuotedContent(run)}'`);
    run = '';
    terms.push(charTerm(code));
  }
  if (run || terms.length === 0) terms.push(`'${escapeSingleQuotedContent(run)}'`);
  if (terms.length === 1 && terms[0]!.startsWith("'")) return terms[0]!;
  // A lone `[char]0xNNNN` would be a [char], not a [string], and in argument mode (`-Name [char]0x41`)
  // it is not an expression at all but the bare word "[char]0x41"; so it too gets a string on the left
  // and parentheses.
  if (!terms[0]!.startsWith("'")) terms.unshift("''");
  return `(${terms.join(' + ')})`;
}

/** A decimal integer literal; refuses anything that is not a safe integer. */
export function psInt(value: number): string {
  if (!Number.isSafeInteger(value)) throw new EscapeError(`not a safe integer: ${String(value)}`);
  return String(value);
}

export function psBool(value: boolean): string {
  return value ? '$true' : '$false';
}

/** Values the generator may hand to PowerShell as data. */
export type PsValue = string | number | boolean | null | readonly PsValue[] | { readonly [key: string]: PsValue };

/** Any data value as a PowerShell expression; objects become `[ordered]` hashtables with identifier keys. */
export function psValue(value: PsValue, indent = ''): string {
  if (value === null) return '$null';
  if (typeof value === 'string') return psString(value);
  if (typeof value === 'number') return psInt(value);
  if (typeof value === 'boolean') return psBool(value);
  if (Array.isArray(value)) return psArray(value as readonly PsValue[], indent);
  return psHashtable(value as { readonly [key: string]: PsValue }, indent);
}

/** `@(a, b, c)`: items are escaped values, so each stays one element. */
export function psArray(values: readonly PsValue[], indent = ''): string {
  return `@(${values.map((v) => psValue(v, indent)).join(', ')})`;
}

/** An `[ordered]@{ ... }` literal, one key per line; keys must be ASCII identifiers. */
export function psHashtable(table: { readonly [key: string]: PsValue }, indent = ''): string {
  const keys = Object.keys(table);
  if (keys.length === 0) return '[ordered]@{}';
  const inner = indent + '    ';
  const width = Math.max(...keys.map((k) => k.length));
  const lines = keys.map((key) => {
    if (!IDENTIFIER.test(key)) throw new EscapeError(`not an identifier: ${JSON.stringify(key)}`);
    return `${inner}${key.padEnd(width)} = ${psValue(table[key]!, inner)}`;
  });
  return `[ordered]@{\n${lines.join('\n')}\n${indent}}`;
}

/** Typographic punctuation an admin pastes from documents, folded to ASCII for comments and messages. */
const ASCII_FOLD: ReadonlyMap<string, string> = new Map([
  ['\u2018', "'"], ['\u2019', "'"], ['\u201A', "'"], ['\u201B', "'"],
  ['\u201C', '"'], ['\u201D', '"'], ['\u201E', '"'],
  ['\u2013', '-'], ['\u2014', '-'], ['\u2015', '-'],
  ['\u2026', '...'], ['\u00A0', ' '], ['\u2192', '->'],
]);

/**
 * Text for inside a comment (line or block): folded to ASCII, other non-ASCII shown as `U+NNNN`,
 * control characters and line breaks become spaces, `<#`/`#>` neutralised. Comments are for
 * people, so readable beats exact here; exact data goes through {@link psString}.
 */
export function psComment(value: string): string {
  if (PRINTABLE_ASCII.test(value)) return escapeBlockCommentContent(value.replace(/ +$/g, ''));
  let out = '';
  for (const c of value) {
    const code = c.codePointAt(0)!;
    if (isPrintableAscii(code)) out += c;
    else if (ASCII_FOLD.has(c)) out += ASCII_FOLD.get(c);
    else if (code < 0x20 || code === 0x7f) out += ' ';
    else out += `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return escapeBlockCommentContent(out.replace(/ +$/g, ''));
}
