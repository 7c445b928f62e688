import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';

/** Where Windows records that it waits for a restart (docs/reference/device-health.md 1.2). */
export type PendingRestartSource = 'componentServicing' | 'windowsUpdate' | 'fileRenames';

/** Props of {@link pendingRestart}. */
export interface PendingRestartProps extends StepBase {
  /**
   * Which records to read: `componentServicing` (the `Component Based Servicing\RebootPending` key), `windowsUpdate`
   * (`WindowsUpdate\Auto Update\RebootRequired`), `fileRenames` (Session Manager's `PendingFileRenameOperations`,
   * files an installer replaces at the next start).
   * @default ["componentServicing", "windowsUpdate", "fileRenames"]
   * @minItems 1
   * @uniqueItems true
   */
  readonly sources?: readonly PendingRestartSource[];
}

/**
 * A probe (either context): whether Windows waits for a restart, as component servicing, Windows Update and
 * pending file renames record it in the registry; passes when none of the sources does. Never changes anything.
 */
export interface PendingRestartStep extends PendingRestartProps {
  readonly kind: 'pendingRestart';
}

/**
 * No restart pending.
 * @example
 * pendingRestart({ id: 'no-restart-pending' })
 */
export function pendingRestart(props: PendingRestartProps): PendingRestartStep {
  return Object.freeze({ kind: 'pendingRestart', ...props });
}

export const PENDING_RESTART_SOURCES: readonly PendingRestartSource[] = ['componentServicing', 'windowsUpdate', 'fileRenames'];
const DATA: Record<PendingRestartSource, string> = { componentServicing: 'ComponentServicing', windowsUpdate: 'WindowsUpdate', fileRenames: 'FileRenames' };
const WORDS: Record<PendingRestartSource, string> = { componentServicing: 'component servicing', windowsUpdate: 'Windows Update', fileRenames: 'pending file renames' };

export const pendingRestartRoom: StepRoom<PendingRestartStep> = {
  kind: 'pendingRestart',
  category: 'probe',
  script: 'health/pending-restart.ps1',
  functions: { test: 'Test-RgPendingRestart' },
  runtime: ['registry.ps1'],
  // HKLM is readable by the signed-in user too.
  contextOf: () => 'any',
  check(step, issue) {
    const sources = step.sources;
    if (sources !== undefined) {
      if (sources.length === 0) issue(['sources'], 'sources is empty: leave it out to read every record, or name at least one');
      sources.forEach((s, index) => {
        if (!PENDING_RESTART_SOURCES.includes(s)) issue(['sources', index], `source ${JSON.stringify(s)} is not one of ${PENDING_RESTART_SOURCES.join(', ')}`);
      });
      if (new Set(sources).size !== sources.length) issue(['sources'], 'sources names a record twice');
    }
  },
  toData: (step) => ({ Sources: (step.sources ?? PENDING_RESTART_SOURCES).map((s) => DATA[s]) }),
  title: () => 'No restart pending',
  explain: (step) => ({
    detects: `Windows does not wait for a restart (read from ${(step.sources ?? PENDING_RESTART_SOURCES).map((s) => WORDS[s]).join(', ')})`,
    changes: 'nothing: a probe only reads and reports',
  }),
};
