import type { RemgenCommand } from './command.ts';
import build from './build.ts';
import explain from './explain.ts';
import lint from './lint.ts';
import list from './list.ts';
import report from './report.ts';
import sign from './sign.ts';
import simulate from './simulate.ts';
import verify from './verify.ts';

/** Every CLI command, one file each; add a command by adding its module here. */
export const commands: readonly RemgenCommand[] = [build, list, explain, simulate, lint, sign, verify, report];
