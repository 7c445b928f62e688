import type { LintRule } from '../rule.ts';
import { lineStarts, positionOf } from '../support.ts';

export const SIGNATURE_BEGIN = '# SIG # Begin signature block';
export const SIGNATURE_END = '# SIG # End signature block';

function occurrences(text: string, marker: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length)) found.push(at);
  return found;
}

/**
 * The Authenticode block, when there is one, closes the file: PowerShell's SIP looks for it at the end,
 * and anything after it is outside the signed content or breaks the signature. An unsigned script passes.
 */
const rule: LintRule = {
  name: 'signature-last',
  description: 'An Authenticode signature block, when present, is last: one block, after every statement, nothing but whitespace after it.',
  check({ facts, text }) {
    const begins = occurrences(text, SIGNATURE_BEGIN);
    const ends = occurrences(text, SIGNATURE_END);
    if (begins.length === 0 && ends.length === 0) return [];
    const starts = lineStarts(text);
    const at = (offset: number) => positionOf(starts, offset);
    const findings = [];
    if (begins.length === 0) {
      for (const end of ends) findings.push({ ...at(end), message: `'${SIGNATURE_END}' without a '${SIGNATURE_BEGIN}' before it` });
      return findings;
    }
    const begin = begins[0]!;
    for (const extra of begins.slice(1)) findings.push({ ...at(extra), message: 'a second signature block: a script carries exactly one, at its end' });
    if (begin > 0 && text[begin - 1] !== '\n') findings.push({ ...at(begin), message: `'${SIGNATURE_BEGIN}' must start a line` });
    if (facts.endOffset > begin) {
      const beginLine = at(begin).line;
      const statement = facts.topLevel.find((s) => s.line > beginLine);
      const where = statement ? { line: statement.line, column: 1 } : at(facts.endOffset - 1);
      findings.push({ ...where, message: 'a statement after the signature block begins: code after the block is not what was signed; sign the finished script last' });
    }
    const end = ends.find((e) => e > begin);
    if (end === undefined) {
      findings.push({ ...at(begin), message: `the signature block is not closed by '${SIGNATURE_END}'` });
      return findings;
    }
    const after = end + SIGNATURE_END.length;
    const rest = /\S/.exec(text.slice(after));
    if (rest) findings.push({ ...at(after + rest.index), message: 'text after the signature block: the block must be the last thing in the file' });
    return findings;
  },
};

export default rule;
