#!/usr/bin/env node
// Entry point: descriptors are TypeScript, so the CLI runs under tsx's loader and imports them directly.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../generator/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
