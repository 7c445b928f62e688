import type { Package } from '../plan/index.ts';
import { gatedBytes } from '../render/gate.ts';
import { asciiJson } from '../render/json.ts';
import { renderTemplate } from '../render/templates.ts';
import { logLocation, renderScript, type ScriptSpec } from '../script/index.ts';
import { roomOf } from '../steps/index.ts';
import { durationWords } from '../model/step.ts';
import { hasTests, renderIntuneTests } from './intune-tests.ts';
import type { OutputFile, RenderContext, Target } from './target.ts';

/** Intune Remediations: detect.ps1 + remediate.ps1, a Graph deviceHealthScript body and a README. */

const DETECT = 'detect.ps1';
const REMEDIATE = 'remediate.ps1';

const DETECT_SPEC: ScriptSpec = {
  name: DETECT,
  synopsis: 'Intune detection script',
  description: 'This script only reads: it tests every step and exits 1 when any is not compliant, so Intune runs the remediation script.',
  exitCodes: '0 compliant; 1 issue found (remediation runs)',
  entry: 'Invoke-RgDetection',
  entryFile: 'targets/intune/detection.ps1',
  changes: false,
};

const REMEDIATE_SPEC: ScriptSpec = {
  name: REMEDIATE,
  synopsis: 'Intune remediation script',
  description: 'This script applies every step that is not compliant, tests all steps again, and exits 0 only when all are compliant afterwards. Supports -WhatIf and -Confirm for manual runs.',
  exitCodes: '0 all steps compliant afterwards; 1 still not compliant or failed',
  entry: 'Invoke-RgRemediation',
  entryFile: 'targets/intune/remediation.ps1',
  changes: true,
};

function script(pkg: Package, context: RenderContext, spec: ScriptSpec): OutputFile {
  const rendered = renderScript(pkg, context.generatorVersion, { ...spec, synopsis: `${spec.synopsis}: ${pkg.remediation.displayName}` });
  return { ...rendered, sign: true };
}

export const intuneTarget: Target = {
  name: 'intune',
  render: (pkg, context) => [script(pkg, context, DETECT_SPEC), script(pkg, context, REMEDIATE_SPEC), ...renderIntuneTests(pkg)],
  finish(pkg, scripts, context) {
    const { remediation } = pkg;
    const script = (name: string): Uint8Array => {
      const bytes = scripts.get(`${pkg.dir}/${name}`);
      if (!bytes) throw new Error(`intune target: ${pkg.dir}/${name} was not rendered`);
      return bytes;
    };
    const signed = context.signer !== undefined;
    // Graph beta deviceHealthScript (docs/reference/intune-configmgr.md 1.10): content is base64 of the
    // exact file bytes; runAsAccount and runAs32Bit explicit because Graph and portal defaults differ (1.7).
    const body = {
      '@odata.type': '#microsoft.graph.deviceHealthScript',
      displayName: remediation.displayName,
      description: remediation.description,
      publisher: remediation.publisher,
      runAsAccount: remediation.context,
      runAs32Bit: false,
      enforceSignatureCheck: signed,
      detectionScriptContent: Buffer.from(script(DETECT)).toString('base64'),
      remediationScriptContent: Buffer.from(script(REMEDIATE)).toString('base64'),
    };
    const jsonPath = `${pkg.dir}/deviceHealthScript.json`;
    const readme = renderTemplate('targets/intune/readme.md.hbs', {
      id: remediation.id,
      displayName: remediation.displayName,
      description: remediation.description,
      publisher: remediation.publisher,
      userContext: remediation.context === 'user',
      context: remediation.context,
      bundle: pkg.bundle ?? '',
      signed,
      development: context.signer?.development === true,
      stepCount: remediation.steps.length,
      signerSubject: context.signer?.subject ?? '',
      signerThumbprint: context.signer?.thumbprint ?? '',
      descriptorPath: pkg.descriptorPath,
      logPath: logLocation(remediation),
      steps: remediation.steps.map((step) => ({ id: step.id, action: roomOf(step).category === 'action', ...roomOf(step).explain(step) })),
      onlySettings: remediation.steps.every((step) => roomOf(step).category === 'setting'),
      actions: remediation.steps.flatMap((step) => ('cooldown' in step && roomOf(step).category === 'action' ? [{ id: step.id, cooldown: durationWords(String(step.cooldown)) }] : [])),
      cooldownStore: `${remediation.context === 'system' ? 'HKLM' : 'HKCU'}\\SOFTWARE\\remgen\\${remediation.id}`,
      generatorVersion: context.generatorVersion,
      build: context.build ?? '',
      tests: hasTests(pkg) ? { count: pkg.profiles!.length, profiles: pkg.profiles!.map((p) => p.name).join(', ') } : false,
    });
    const readmePath = `${pkg.dir}/README.md`;
    return [
      { path: jsonPath, bytes: gatedBytes(jsonPath, asciiJson(body)), sign: false },
      { path: readmePath, bytes: gatedBytes(readmePath, readme), sign: false },
    ];
  },
};
