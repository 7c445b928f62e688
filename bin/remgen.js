#!/usr/bin/env node
// Entry point. The generator runs from its bundle (bin/bundle.js: one ES module, rebuilt whenever a source
// it was made from changed), and tsx is registered only when a user's TypeScript file is imported
// (generator/load/typescript.ts). Without a bundle (REMGEN_BUNDLE=0, or it cannot be built) the generator's
// TypeScript sources run under tsx's loaders, registered first, as before.
// Both loaders: a catalog outside a "type": "module" package is loaded as CommonJS TypeScript.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const argv = process.argv.slice(2);

// A reader that stops early (`remgen list | head`) closes the pipe: end quietly, as Unix tools do, instead of
// an unhandled EPIPE with its stack trace. What was printed before is what the reader wanted.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

async function fromBundle() {
  if (process.env.REMGEN_BUNDLE === '0') return undefined;
  const { ensureBundle, ROOT } = await import('./bundle.js');
  const bundle = await ensureBundle();
  if (bundle.error !== undefined) {
    if (process.env.REMGEN_BUNDLE === '1') process.stderr.write(`remgen: no generator bundle (${bundle.error}); running the TypeScript sources\n`);
    return undefined;
  }
  const descriptorSource = pathToFileURL(join(ROOT, 'generator', 'descriptor', 'index.ts')).href;
  globalThis[Symbol.for('remgen.typescript-loader')] = { bundle: { url: bundle.url, descriptorSource } };
  try {
    return await import(bundle.url);
  } catch (error) {
    // A bundle removed between the check and the import (another process rebuilt it): the sources.
    delete globalThis[Symbol.for('remgen.typescript-loader')];
    if (process.env.REMGEN_BUNDLE === '1') process.stderr.write(`remgen: the generator bundle did not load (${error instanceof Error ? error.message : String(error)}); running the TypeScript sources\n`);
    return undefined;
  }
}

async function fromSources() {
  const [{ register: registerEsm }, { register: registerCjs }] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
  registerEsm();
  registerCjs();
  return import('../generator/cli/main.ts');
}

const { main } = (await fromBundle()) ?? (await fromSources());
process.exitCode = await main(argv);
