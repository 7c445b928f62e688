/**
 * OneDrive error 0x8004de40, the device join rung: OneDrive signs in silently with the device's Entra join
 * (Entra joined or hybrid joined); a broken or half-finished join stops it. Facts:
 * docs/reference/intune-configmgr.md 3.0 (Microsoft's dsregcmd advice) and 3.1 (dsregcmd, the
 * Automatic-Device-Join task, why /leave is never the default).
 */
import { defineRemediation, joinRepair, joinState } from 'remgen';

/** The join state as SYSTEM sees it, and the Automatic-Device-Join task when it is broken. */
export const joinSteps = [
  joinState({ id: 'entra-joined', title: 'Device Entra joined or hybrid joined, device authentication working' }),
  // The task only asks Windows to register again; once a day is enough for Entra Connect to sync the device.
  // leaveAndJoin stays off: dsregcmd /leave is for a technician on the organisation's network (3.0, 3.1).
  joinRepair({ id: 'repair-join', gate: { probes: ['entra-joined'] }, cooldown: 'P1D' }),
];

export default defineRemediation({
  id: 'hybrid-join',
  displayName: 'OneDrive 0x8004de40: Entra (hybrid) join repaired',
  description:
    'OneDrive signs in silently through the device\'s Entra join. This package reads dsregcmd /status as SYSTEM and, ' +
    'when the device is not Entra joined or hybrid joined or its device authentication fails, starts the ' +
    'Automatic-Device-Join scheduled task (what Windows itself runs to register a hybrid device), then reads the state ' +
    'again. It never runs dsregcmd /leave. The task is started at most once a day; the device must see a domain ' +
    'controller and be synced by Entra Connect for a hybrid join to complete.',
  publisher: 'remgen',
  context: 'system',
  steps: joinSteps,
});
