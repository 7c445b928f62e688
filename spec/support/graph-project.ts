/**
 * The project the publish and report specs run the CLI in: a scratch project (temp-catalog.ts) whose catalog
 * is the bundled one or some of its descriptor files, its out/ built and signed, and a deployment file for the
 * local Graph (local-graph.ts).
 *
 * The build is the real `remgen build` in a child process (development signing, as an admin's first build),
 * run once per mocha worker for each catalog: later projects of the same catalog get a copy of its out/ and
 * of the .remgen/ folder holding the development certificate it was signed with, so `remgen publish` (which
 * builds the catalog again in memory and refuses an out/ that differs: its staleness test) finds it exactly
 * as it would after that project's own build. Nothing in out/ names the folder it was built in. The copy is
 * keyed by the content of the catalog's files, so a catalog that changed is built again.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEVELOPMENT_DIRECTORY } from '../../generator/sign/dev-certificate.ts';
import type { LocalGraph } from './local-graph.ts';
import { BIN, REPO, scratchProject } from './temp-catalog.ts';

const BUNDLED = join(REPO, 'remediations');

export type Project = ReturnType<typeof scratchProject> & { readonly deployments: string };

/**
 * A scratch project with a deployments/ folder. Its catalog: the bundled catalog, or only the named descriptor
 * files of it (each must stand alone: no import of another descriptor) with its device profiles/, for a spec
 * about publishing or reporting that names no other package (each publish builds the whole catalog in memory).
 */
export function catalogProject(descriptors?: readonly string[]): Project {
  const project = scratchProject(descriptors ? undefined : BUNDLED);
  if (descriptors) {
    for (const file of descriptors) cpSync(join(BUNDLED, file), join(project.catalog, file));
    cpSync(join(BUNDLED, 'profiles'), join(project.catalog, 'profiles'), { recursive: true });
  }
  const deployments = join(project.root, 'deployments');
  mkdirSync(deployments);
  return { ...project, deployments };
}

/** Every file under a folder with its bytes, sorted by path: what the build reads. */
function contentKey(dir: string): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(dir, { recursive: true }).map(String).sort()) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, file));
    } catch {
      continue; // a folder
    }
    hash.update(`${file}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}

/** Built catalogs of this worker process, by their content: the project that built each one. */
const built = new Map<string, Project>();
process.once('exit', () => {
  for (const p of built.values()) p.dispose();
});

/** {@link catalogProject}, with out/ as `remgen build --catalog catalog --out out` (signed with a development certificate) writes it. */
export function builtProject(descriptors?: readonly string[]): Project {
  const project = catalogProject(descriptors);
  const key = contentKey(project.catalog);
  let source = built.get(key);
  if (!source) {
    source = catalogProject(descriptors);
    const run = spawnSync(process.execPath, [BIN, 'build', '--catalog', source.catalog, '--out', source.out], { cwd: source.root, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    built.set(key, source);
  }
  cpSync(source.out, project.out, { recursive: true });
  cpSync(join(source.root, DEVELOPMENT_DIRECTORY), join(project.root, DEVELOPMENT_DIRECTORY), { recursive: true });
  return project;
}

export interface DeploymentOptions {
  readonly id?: string;
  /** The deployment's packages (the `packages` array as written). */
  readonly packages: readonly unknown[];
  /** Name the app registration's client id (the local Entra's) in the file. */
  readonly clientId?: boolean;
  /** `allowDevelopmentCertificate` (default true: the specs' builds use the development certificate); null leaves it out. */
  readonly allowDevelopmentCertificate?: boolean | null;
}

/**
 * Writes deployments/<id>.ts for the local Graph: its tenant, its client id when asked, Graph and Entra at
 * its address (customCloud), one property a line. Returns the file's path.
 */
export function writeDeployment(project: Project, graph: LocalGraph, options: DeploymentOptions): string {
  const id = options.id ?? 'spec';
  const file = join(project.deployments, `${id}.ts`);
  const allowDev = options.allowDevelopmentCertificate === undefined ? true : options.allowDevelopmentCertificate;
  writeFileSync(file, `import { defineDeployment } from 'remgen';
export default defineDeployment({
  id: '${id}',
  tenant: '${graph.tenant}',
${options.clientId ? `  clientId: '${graph.clientId}',\n` : ''}${allowDev === null ? '' : `  allowDevelopmentCertificate: ${String(allowDev)},\n`}  customCloud: { graphEndpoint: '${graph.base}', authorityHost: '${graph.base}' },
  packages: ${JSON.stringify(options.packages, null, 2)},
});
`);
  return file;
}
