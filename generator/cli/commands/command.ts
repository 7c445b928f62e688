import type { Argv } from 'yargs';

/** A yargs command whose handler returns the process exit code (see EXIT in ../main.ts). */
export interface RemgenCommand {
  readonly command: string | readonly string[];
  readonly describe: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly builder: (yargs: Argv) => Argv<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly handler: (args: any) => Promise<number> | number;
}
