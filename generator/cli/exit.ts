/** Exit codes of every remgen command (also in `remgen --help` and the README). */
export const EXIT = {
  ok: 0,
  /** Descriptor errors, a failed build, an invalid signature. */
  failed: 1,
  /** `build --check`: output is stale or missing. */
  stale: 2,
  /** Wrong command-line usage. */
  usage: 3,
} as const;
