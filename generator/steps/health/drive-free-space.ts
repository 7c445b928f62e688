import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';

/** Props of {@link driveFreeSpace}. */
export interface DriveFreeSpaceProps extends StepBase {
  /**
   * The drive, a letter and a colon.
   * @default "C:"
   * @pattern ^[A-Za-z]:$
   */
  readonly drive?: string;
  /**
   * Least free space that passes, in GB as Explorer counts them (1 GB = 1024^3 bytes).
   * @minimum 0.1
   * @maximum 100000
   * @example 10
   */
  readonly minFreeGB?: number;
  /**
   * Least free space that passes, in percent of the drive's size.
   * @minimum 1
   * @maximum 99
   */
  readonly minFreePercent?: number;
  /**
   * Folders (environment variables allowed, e.g. `%SystemRoot%\SoftwareDistribution\Download`) whose sizes are
   * measured when the space is short and reported biggest first: where a cleanup would free the most.
   * @maxItems 20
   */
  readonly largestOf?: readonly string[];
  /**
   * How many of `largestOf` the finding names.
   * @default 3
   * @minimum 1
   * @maximum 20
   */
  readonly report?: number;
}

/**
 * A probe (either context): the free space on a drive (`System.IO.DriveInfo` through a seam), in GB, in percent,
 * or both (both must hold); when short, the biggest of the given folders are named. Never changes anything.
 */
export interface DriveFreeSpaceStep extends DriveFreeSpaceProps {
  readonly kind: 'driveFreeSpace';
}

/**
 * Free space on a drive, at least N GB or N percent.
 * @example
 * driveFreeSpace({ id: 'c-has-room', minFreeGB: 10, largestOf: ['%SystemRoot%\\SoftwareDistribution\\Download', '%SystemRoot%\\Temp'] })
 */
export function driveFreeSpace(props: DriveFreeSpaceProps): DriveFreeSpaceStep {
  return Object.freeze({ kind: 'driveFreeSpace', ...props });
}

const USER_VARIABLE = /%(LOCALAPPDATA|APPDATA|USERPROFILE|TEMP|TMP|HOMEPATH|HOMEDRIVE|USERNAME|OneDrive)%/i;

const wantWords = (step: DriveFreeSpaceProps): string =>
  [step.minFreeGB !== undefined ? `${step.minFreeGB} GB` : '', step.minFreePercent !== undefined ? `${step.minFreePercent}%` : ''].filter(Boolean).join(' and ');

export const driveFreeSpaceRoom: StepRoom<DriveFreeSpaceStep> = {
  kind: 'driveFreeSpace',
  category: 'probe',
  script: 'health/drive-free-space.ps1',
  functions: { test: 'Test-RgDriveFreeSpace' },
  // cleanup.ps1: Get-RgFolderFiles and Format-RgBytes (pathCleanup's), to size the folders; file.ps1: Resolve-RgFilePath.
  runtime: ['health.ps1', 'cleanup.ps1', 'file.ps1'],
  // A user variable in a folder makes it the user's measurement; else the drive is the same from either context.
  contextOf: (step) => ((step.largestOf ?? []).some((f) => USER_VARIABLE.test(f)) ? 'user' : 'any'),
  check(step, issue) {
    if (step.minFreeGB === undefined && step.minFreePercent === undefined) {
      issue([], `the driveFreeSpace step ${JSON.stringify(step.id)} says no least free space: give minFreeGB, minFreePercent or both`);
    }
    if (step.minFreeGB !== undefined && (typeof step.minFreeGB !== 'number' || !(step.minFreeGB >= 0.1 && step.minFreeGB <= 100000))) {
      issue(['minFreeGB'], `minFreeGB ${JSON.stringify(step.minFreeGB)} must be a number of GB from 0.1 to 100000`);
    }
    if (step.minFreePercent !== undefined && (!Number.isInteger(step.minFreePercent) || step.minFreePercent < 1 || step.minFreePercent > 99)) {
      issue(['minFreePercent'], `minFreePercent ${JSON.stringify(step.minFreePercent)} must be a whole percent from 1 to 99`);
    }
    if (step.drive !== undefined && !/^[A-Za-z]:$/.test(step.drive)) {
      issue(['drive'], `drive ${JSON.stringify(step.drive)} is not a drive: write its letter and a colon, e.g. 'C:'`);
    }
    (step.largestOf ?? []).forEach((folder, index) => {
      if (typeof folder !== 'string' || !/^(?:[A-Za-z]:\\|%[A-Za-z0-9_()]+%)/.test(folder)) {
        issue(['largestOf', index], `folder ${JSON.stringify(folder)} is not an absolute path: start it with a drive (C:\\...) or an environment variable (%SystemRoot%\\...)`);
      }
    });
  },
  toData: (step) => ({
    Drive: (step.drive ?? 'C:').toUpperCase(),
    MinFreeBytes: step.minFreeGB !== undefined ? Math.round(step.minFreeGB * 1073741824) : 0,
    MinFreePercent: step.minFreePercent ?? 0,
    LargestOf: [...(step.largestOf ?? [])],
    Report: step.report ?? 3,
  }),
  title: (step) => `Drive ${(step.drive ?? 'C:').toUpperCase()} has at least ${wantWords(step)} free`,
  explain: (step) => ({
    detects: `drive ${(step.drive ?? 'C:').toUpperCase()} has at least ${wantWords(step)} free` +
      ((step.largestOf ?? []).length > 0 ? `; when it has less, the finding names the ${step.report ?? 3} biggest of ${(step.largestOf ?? []).join(', ')}` : ''),
    changes: 'nothing: a probe only reads and reports',
  }),
};
