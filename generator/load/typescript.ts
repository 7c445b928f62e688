import { register } from 'node:module';

/**
 * The user's TypeScript (descriptors, deployments, device profiles) loads through tsx. bin/remgen.js
 * registers tsx before anything else when it runs the generator's own sources; when it runs the generator
 * bundle (bin/bundle.js) it registers nothing, so a command that imports no user file (`--help`, `verify`,
 * `lint`) never starts tsx's hooks thread, and the first import of a user's file registers it here.
 *
 * Under the bundle, a descriptor's `import ... from 'remgen'` would resolve to generator/descriptor/index.ts
 * and load the language's sources a second time through tsx; a resolve hook points it at the bundle, the
 * module already loaded, so both sides share it. A 'remgen' that resolves anywhere else (another copy in
 * the catalog's node_modules) is left alone. CommonJS descriptors (a catalog outside a "type": "module"
 * package) still get the sources through tsx's require hook, as before.
 */

/** What bin/remgen.js leaves on globalThis: the state of the TypeScript loaders for this process. */
interface LoaderState {
  /** Set once tsx's hooks are registered (or being registered) under the bundle. */
  registered?: Promise<void>;
  /** Under the bundle: its URL, and the URL of the descriptor language's source entry it stands for. */
  readonly bundle?: { readonly url: string; readonly descriptorSource: string };
}

const STATE = Symbol.for('remgen.typescript-loader');

const state = (): LoaderState => {
  const global = globalThis as { [STATE]?: LoaderState };
  return (global[STATE] ??= {});
};

/** Resolve hook (runs on the hooks thread): the descriptor language's source entry becomes the bundle. */
const REDIRECT_HOOK = `
let from, to;
export function initialize(data) { from = data.from; to = data.to; }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  return resolved.url === from ? { ...resolved, url: to, format: 'module' } : resolved;
}
`;

/**
 * Imports a user's TypeScript module (registering tsx first, under the bundle) and gives its exports as a
 * TypeScript file importing it would see them. A file that is CommonJS (outside a "type": "module" package)
 * arrives as `{ default: module.exports }`; tsx rewrites every `import()` in the files it compiles to unwrap
 * that (when `module.exports` carries `__esModule`), so the sources saw the named exports, and the bundle,
 * which tsx does not compile, does the same here. Twice (the sources, where tsx's rewrite runs too) is the
 * same as once: a descriptor's default export has no `__esModule`.
 */
export async function importUserModule(url: string): Promise<Record<string, unknown>> {
  await ensureTypeScript();
  const namespace = (await import(url)) as Record<string, unknown>;
  const fallback = namespace.default;
  return typeof fallback === 'object' && fallback !== null && '__esModule' in fallback ? (fallback) : namespace;
}

/**
 * Registers tsx's ESM and CommonJS loaders once per process, under the bundle. Running from the sources
 * (bin/remgen.js with REMGEN_BUNDLE=0 or no bundle, mocha and `node --import tsx`), a TypeScript loader is
 * there already, since it compiles this very module: nothing to do.
 */
export function ensureTypeScript(): Promise<void> {
  const current = state();
  if (!current.bundle) return Promise.resolve();
  current.registered ??= (async () => {
    const [{ register: registerEsm }, { register: registerCjs }] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
    registerEsm();
    registerCjs();
    // Registered after tsx, so it runs first and sees tsx's resolution of each specifier.
    const { descriptorSource, url } = current.bundle!;
    register(`data:text/javascript,${encodeURIComponent(REDIRECT_HOOK)}`, { data: { from: descriptorSource, to: url } });
  })();
  return current.registered;
}
