import { durationWords, gateWords } from '../../model/step.ts';
import type { ActionStepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { checkWant, JOIN_WORDS, wantOf, type JoinWant } from './join-common.ts';

/** The scheduled task Windows uses to (re)register a hybrid joined device (docs/reference/intune-configmgr.md 3.1). */
export const AUTOMATIC_DEVICE_JOIN = Object.freeze({ path: '\\Microsoft\\Windows\\Workplace Join\\', name: 'Automatic-Device-Join' });

/** Props of {@link joinRepair}. */
export interface JoinRepairProps extends ActionStepBase {
  /**
   * The join the repair must leave the device in; verified by reading `dsregcmd /status` again. Use the
   * same value as the gate's joinState probe.
   * @default "any-entra"
   */
  readonly want?: JoinWant;
  /**
   * Use `dsregcmd /leave` then `dsregcmd /join` instead of starting the Automatic-Device-Join task. Only
   * when the device is domain joined (a cloud-only Entra joined device would lose its join) and a domain
   * controller answers on LDAP (TCP 389); otherwise the task is started, and the reason is logged.
   * Microsoft's article asks for it only while on the organisation's network (reference 3.0, 3.1).
   * @default false
   */
  readonly leaveAndJoin?: boolean;
  /**
   * The domain controller (or the AD DNS domain, whose name resolves to its DCs) that must answer on TCP 389
   * before `leaveAndJoin` runs.
   * @default the device's primary DNS domain (HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters, Domain)
   * @pattern ^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$
   * @maxLength 253
   * @example "dc01.contoso.com"
   */
  readonly domainController?: string;
}

/**
 * An action (system context): repairs the Entra (hybrid) join by starting the `Automatic-Device-Join`
 * scheduled task, or, when opted in and a domain controller is reachable, with `dsregcmd /leave` +
 * `/join`. Runs only when its gate (a joinState probe) reports the symptom, at most once per cooldown;
 * verified by reading `dsregcmd /status` again, never by an exit code.
 */
export interface JoinRepairStep extends JoinRepairProps {
  readonly kind: 'joinRepair';
}

/**
 * Repair the Entra join.
 * @example
 * joinRepair({ id: 'repair-join', gate: { probes: ['entra-joined'] }, cooldown: 'P1D' })
 */
export function joinRepair(props: JoinRepairProps): JoinRepairStep {
  return Object.freeze({ kind: 'joinRepair', ...props });
}

const HOST = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export const joinRepairRoom: StepRoom<JoinRepairStep> = {
  kind: 'joinRepair',
  category: 'action',
  script: 'identity/join-repair.ps1',
  setScript: 'identity/join-repair-set.ps1',
  functions: { test: 'Test-RgJoinRepair', set: 'Repair-RgJoin' },
  runtime: ['join.ps1'],
  setRuntime: ['tasks.ps1', 'network.ps1'],
  // The join runs as SYSTEM, /leave and /join need elevation, the task runs as SYSTEM (3.1).
  contextOf: () => 'system',
  check(step, issue) {
    checkWant(step.want, issue);
    const dc = step.domainController;
    if (dc !== undefined && (typeof dc !== 'string' || dc.length > 253 || !HOST.test(dc))) {
      issue(['domainController'], `${JSON.stringify(dc)} is not a host name: write a name such as dc01.contoso.com or contoso.com`);
    }
    if (dc !== undefined && !step.leaveAndJoin) {
      issue(['domainController'], 'domainController is used only with leaveAndJoin: true; leave it out, or opt in');
    }
  },
  toData: (step) => ({
    Want: wantOf(step),
    TaskPath: AUTOMATIC_DEVICE_JOIN.path,
    TaskName: AUTOMATIC_DEVICE_JOIN.name,
    LeaveAndJoin: step.leaveAndJoin ?? false,
    DomainController: step.domainController ?? '',
  }),
  title: () => 'Entra join repaired when it is broken',
  explain: (step) => ({
    detects: `dsregcmd /status shows the device not ${JOIN_WORDS[wantOf(step)]} with DeviceAuthStatus SUCCESS, ${gateWords(step.gate)}`,
    changes: `${step.leaveAndJoin
      ? `runs dsregcmd /leave and /join when the device is domain joined and ${step.domainController ?? 'its domain'} answers on TCP 389, else starts`
      : 'starts'} the scheduled task ${AUTOMATIC_DEVICE_JOIN.path}${AUTOMATIC_DEVICE_JOIN.name} (at most once per ${durationWords(step.cooldown)}), then reads dsregcmd /status again to verify`,
  }),
};
