import type { Argv } from 'yargs';

/**
 * A yargs command whose handler returns the process exit code (see EXIT in ../main.ts). The command's file
 * holds only what yargs needs to parse and explain it; the handler imports its implementation from
 * `../run/<command>.ts` when it runs, so start-up loads no stage a command does not use.
 */
export interface RemgenCommand {
  readonly command: string | readonly string[];
  readonly describe: string;
  /**
   * What the builder needs that is costly to import (the lint rules for `lint --help`): awaited before
   * parsing, and only when this command is the one named, so `remgen --help` and other commands never load it.
   */
  readonly prepare?: () => Promise<void>;
  readonly builder: (yargs: Argv) => Argv<object>;
  /** Takes the arguments its builder declares; `never` here so that each command names its own type. */
  readonly handler: (args: never) => Promise<number> | number;
}
