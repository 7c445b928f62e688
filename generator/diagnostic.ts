import { relative } from 'node:path';

/** One problem found in a descriptor, located at the offending property. */
export interface Diagnostic {
  /** Absolute path of the descriptor file. */
  readonly file: string;
  /** 1-based line and column; 0 when the problem is the whole file or folder. */
  readonly line: number;
  readonly column: number;
  /** What is wrong and what to do, in one sentence or two. */
  readonly message: string;
}

/** `remediations/tls.ts:14:7: error: <message>` (`remediations: error: ...` without a position), the file relative to `base`. */
export function formatDiagnostic(d: Diagnostic, base: string = process.cwd()): string {
  const where = relative(base, d.file).replaceAll('\\', '/') || '.';
  return `${where}${d.line > 0 ? `:${d.line}:${d.column}` : ''}: error: ${d.message}`;
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message));
}
