import type { TargetName } from '../descriptor/remediation.ts';
import { configMgrTarget } from './configmgr.ts';
import { intuneTarget } from './intune.ts';
import { moduleTarget } from './module.ts';
import type { Target } from './target.ts';

/** Every target, by name. ConfigMgr and the admin module slot in here. */
export const targets: ReadonlyMap<TargetName, Target> = new Map([
  [intuneTarget.name, intuneTarget],
  [configMgrTarget.name, configMgrTarget],
  [moduleTarget.name, moduleTarget],
]);

/** ConfigMgr program mode's exit codes, for `remgen simulate` to name them. */
export { PROGRAM_EXIT_CODES } from './configmgr.ts';
