/**
 * A problem before it has a line and column: which export of which file, and where inside the
 * exported object (`['steps', 3, 'value']`). `locate.ts` turns it into a {@link Diagnostic}.
 */
export interface Finding {
  /** Property path from the exported object to the offending property. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Where an object came from: the export that holds it and the path to it inside that export. */
export interface Origin {
  /** Absolute path of the descriptor file. */
  readonly file: string;
  /** `default` or the export's name. */
  readonly exportName: string;
  /** Path from the exported object to this one: `[]`, or `['remediations', 1]` inside a bundle. */
  readonly path: readonly (string | number)[];
}

/** A finding anchored in a file. */
export interface LocatedFinding extends Finding {
  readonly file: string;
  readonly exportName: string;
}

export const at = (origin: Origin, finding: Finding): LocatedFinding => ({
  file: origin.file,
  exportName: origin.exportName,
  path: [...origin.path, ...finding.path],
  message: finding.message,
});
