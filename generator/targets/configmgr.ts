import type { Package } from '../plan/index.ts';
import { gatedBytes } from '../render/gate.ts';
import { renderTemplate } from '../render/templates.ts';
import { logLocation, pascalName, renderScript, type ScriptSpec } from '../script/index.ts';
import { roomOf } from '../steps/index.ts';
import type { OutputFile, RenderContext, Target } from './target.ts';

/**
 * Configuration Manager (docs/reference/intune-configmgr.md part 2): a configuration item's script
 * setting (discovery.ps1 prints Compliant or NonCompliant and always exits 0, 2.1; remediation.ps1), the
 * site-server script Import-<Name>.ps1 that creates or updates the CI and a baseline from those files,
 * the program-mode script Invoke-<Name>.ps1 for packages/programs and task sequences (0, 3010, 2.4) and
 * a README.
 */

export const DISCOVERY = 'discovery.ps1';
export const REMEDIATION = 'remediation.ps1';

/** Program mode's exit codes: the one table the script's help, the README and the tests use. */
export const PROGRAM_EXIT_CODES: readonly { readonly code: number; readonly short: string; readonly meaning: string }[] = [
  { code: 0, short: 'compliant or fixed', meaning: 'compliant: nothing to change, or every step fixed' },
  { code: 3010, short: 'fixed, restart needed', meaning: 'fixed, and a change needs a restart to take effect (ConfigMgr soft reboot); the script never restarts the device' },
  { code: 1, short: 'script error', meaning: 'script error: the script itself failed (unexpected error, or the 64-bit run failed)' },
  { code: 2, short: 'still not compliant', meaning: 'still not compliant afterwards (also under -WhatIf, which changes nothing)' },
  { code: 3, short: 'a step could not be applied', meaning: 'a step could not be applied (for example access denied)' },
  { code: 4, short: 'a step could not be tested', meaning: 'a step could not be tested' },
];

/** `Invoke-<Name>.ps1`, `Import-<Name>.ps1`. */
export function programScriptName(id: string): string {
  return `Invoke-${pascalName(id)}.ps1`;
}
export function importScriptName(id: string): string {
  return `Import-${pascalName(id)}.ps1`;
}

const DISCOVERY_SPEC: ScriptSpec = {
  name: DISCOVERY,
  synopsis: 'ConfigMgr configuration item discovery script',
  description:
    'This script only reads. It prints exactly one line, Compliant or NonCompliant (the setting\'s data type is String, the rule equals Compliant), ' +
    'and always exits 0, whatever fails inside: an error is reported as NonCompliant, and the findings and errors go to the log only.',
  exitCodes: '0 always; the value printed is Compliant or NonCompliant',
  entry: 'Invoke-RgCmDiscovery',
  entryFile: 'targets/configmgr/discovery.ps1',
  changes: false,
  outcome: 'Resolve-RgCmDiscoveryOutcome',
};

const REMEDIATION_SPEC: ScriptSpec = {
  name: REMEDIATION,
  synopsis: 'ConfigMgr configuration item remediation script',
  description:
    'ConfigMgr runs this script when discovery returned NonCompliant. It applies every step that is not compliant, tests all steps again, ' +
    'and exits 0 only when all are compliant afterwards; it never restarts the device. Supports -WhatIf and -Confirm for manual runs.',
  exitCodes: '0 all steps compliant afterwards; 1 still not compliant or failed',
  entry: 'Invoke-RgCmRemediation',
  entryFile: 'targets/configmgr/repair.ps1',
  changes: true,
};

function programSpec(id: string): ScriptSpec {
  return {
    name: programScriptName(id),
    synopsis: 'ConfigMgr program mode (packages/programs, task sequences)',
    description:
      'Applies every step that is not compliant, tests all steps again, and exits with one code per outcome: ' +
      PROGRAM_EXIT_CODES.map((e) => `${e.code} ${e.meaning}`).join('; ') +
      '. It never restarts the device: 3010 asks ConfigMgr to. Supports -WhatIf and -Confirm for manual runs.',
    exitCodes: PROGRAM_EXIT_CODES.map((e) => `${e.code} ${e.short}`).join('; '),
    entry: 'Invoke-RgCmProgram',
    entryFile: 'targets/configmgr/repair.ps1',
    changes: true,
  };
}

function script(pkg: Package, context: RenderContext, spec: ScriptSpec): OutputFile {
  const rendered = renderScript(pkg, context.generatorVersion, { ...spec, synopsis: `${spec.synopsis}: ${pkg.remediation.displayName}` });
  return { ...rendered, sign: true };
}

/** The names the import script gives what it creates; the README shows the same. */
export function configMgrNames(pkg: Package): { configurationItem: string; setting: string; rule: string; baseline: string } {
  const { remediation } = pkg;
  return {
    configurationItem: remediation.displayName,
    setting: `remgen ${remediation.id}`,
    rule: `remgen ${remediation.id} is Compliant`,
    baseline: pkg.bundle ? `remgen ${pkg.bundle}` : `${remediation.displayName} (baseline)`,
  };
}

function importScript(pkg: Package, context: RenderContext): OutputFile {
  const { remediation } = pkg;
  const names = configMgrNames(pkg);
  const name = importScriptName(remediation.id);
  const path = `${pkg.dir}/${name}`;
  const text = renderTemplate('targets/configmgr/import.ps1.hbs', {
    marker: `Generated by remgen ${context.generatorVersion} from '${remediation.id}' (${pkg.descriptorPath}, sha256 ${pkg.descriptorHash}). Do not edit: change the descriptor and run 'remgen build'.`,
    displayName: remediation.displayName,
    description: remediation.description,
    id: remediation.id,
    context: remediation.context,
    descriptorPath: pkg.descriptorPath,
    data: {
      Id: remediation.id,
      Version: remediation.version ?? '1.0.0',
      Description: `remgen ${remediation.id} ${remediation.version ?? '1.0.0'}: ${remediation.description}`,
      SettingName: names.setting,
      RuleName: names.rule,
      PerUser: remediation.context === 'user',
      DiscoveryFile: DISCOVERY,
      RemediationFile: REMEDIATION,
    },
    configurationItem: names.configurationItem,
    baseline: names.baseline,
    perUser: remediation.context === 'user',
    scriptName: name,
  });
  return { path, bytes: gatedBytes(path, text), sign: true };
}

export const configMgrTarget: Target = {
  name: 'configmgr',
  render: (pkg, context) => [
    script(pkg, context, DISCOVERY_SPEC),
    script(pkg, context, REMEDIATION_SPEC),
    script(pkg, context, programSpec(pkg.remediation.id)),
    importScript(pkg, context),
  ],
  finish(pkg, _scripts, context) {
    const { remediation } = pkg;
    const names = configMgrNames(pkg);
    const readme = renderTemplate('targets/configmgr/readme.md.hbs', {
      id: remediation.id,
      displayName: remediation.displayName,
      description: remediation.description,
      userContext: remediation.context === 'user',
      bundle: pkg.bundle ?? '',
      signed: context.signer !== undefined,
      development: context.signer?.development === true,
      signerSubject: context.signer?.subject ?? '',
      signerThumbprint: context.signer?.thumbprint ?? '',
      descriptorPath: pkg.descriptorPath,
      logPath: logLocation(remediation),
      steps: remediation.steps.map((step) => ({ id: step.id, ...roomOf(step).explain(step) })),
      generatorVersion: context.generatorVersion,
      importScript: importScriptName(remediation.id),
      programScript: programScriptName(remediation.id),
      exitCodes: PROGRAM_EXIT_CODES.map((e) => ({ code: String(e.code), meaning: e.meaning })),
      configurationItem: names.configurationItem,
      setting: names.setting,
      rule: names.rule,
      baseline: names.baseline,
    });
    const readmePath = `${pkg.dir}/README.md`;
    return [{ path: readmePath, bytes: gatedBytes(readmePath, readme), sign: false }];
  },
};
