#!/usr/bin/env node
// Entry point: descriptors are TypeScript, so the CLI runs under tsx's loaders and imports them directly.
// Both loaders: a catalog outside a "type": "module" package is loaded as CommonJS TypeScript.
import { register as registerEsm } from 'tsx/esm/api';
import { register as registerCjs } from 'tsx/cjs/api';

registerEsm();
registerCjs();
const { main } = await import('../generator/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
