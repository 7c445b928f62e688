import type { Argv } from 'yargs';

/** A yargs command whose handler returns the process exit code (see EXIT in ../main.ts). */
export interface RemgenCommand {
  readonly command: string | readonly string[];
  readonly describe: string;
  readonly builder: (yargs: Argv) => Argv<object>;
  /** Takes the arguments its builder declares; `never` here so that each command names its own type. */
  readonly handler: (args: never) => Promise<number> | number;
}
