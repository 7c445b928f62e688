import type { RemgenCommand } from './command.ts';

/** Every CLI command, one file each; add a command by adding its module here. */
export const commands: readonly RemgenCommand[] = [];
