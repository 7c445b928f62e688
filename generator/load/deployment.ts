import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../diagnostic.ts';
import { importTypeScriptFile } from './compile.ts';

/** A deployment file once imported: its export tagged `deployment`, not yet checked. */
export interface LoadedDeployment {
  readonly file: string;
  readonly exportName: string;
  readonly value: Record<string, unknown> | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * `remgen publish <deployment>`: a name means `deployments/<name>.ts`; anything with a slash or ending in
 * `.ts` is a path. Imports it (compiled ahead, generator/load/compile.ts, else through tsx) and keeps its one export tagged `deployment`.
 */
export function deploymentFile(nameOrPath: string, folder = 'deployments'): string {
  return /[\\/]|\.ts$/.test(nameOrPath) ? resolve(nameOrPath) : resolve(folder, `${nameOrPath}.ts`);
}

export async function loadDeployment(file: string): Promise<LoadedDeployment> {
  let module: Record<string, unknown>;
  try {
    const version = (await stat(file)).mtimeMs;
    module = await importTypeScriptFile(file, `${pathToFileURL(file).href}?v=${version}`);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      file, exportName: 'default', value: undefined,
      diagnostics: [{ file, line: 0, column: 0, message: missing ? `deployment file not found; write it with defineDeployment (see the README, "Publishing to Intune")` : `cannot load deployment file: ${reason}` }],
    };
  }
  const found = Object.entries(module).filter(([, v]) => typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'deployment');
  if (found.length !== 1) {
    return {
      file, exportName: 'default', value: undefined,
      diagnostics: [{ file, line: 0, column: 0, message: found.length === 0 ? 'the file exports no deployment; export default defineDeployment({...})' : `the file exports ${found.length} deployments (${found.map(([n]) => n).join(', ')}); one per file` }],
    };
  }
  const [exportName, value] = found[0]!;
  return { file, exportName, value: value as Record<string, unknown>, diagnostics: [] };
}
