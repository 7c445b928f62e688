import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineError, PowerShellEngine } from './index.ts';
import type { DeviceProfileProps as DeviceProfile, RegistryEntry, RunningProcess } from '../model/profile.ts';
import { evaluatedProfile, installedAppData, renderProfile, type SimulatedDevice } from './profile.ts';
import type { PsValue } from '../render/escape.ts';

const HARNESS = fileURLToPath(new URL('./Invoke-RgSimulation.ps1', import.meta.url));

export interface SeamCall {
  readonly Seam: string;
  /** The script that called it (detect.ps1, ...). */
  readonly Script: string;
  readonly Arguments: Readonly<Record<string, unknown>>;
}

export interface DeviceState {
  readonly registry: readonly RegistryEntry[];
  readonly keys: readonly string[];
  /**
   * The rest of the device as the run left it, in the harness's own shape: what native commands answer
   * now (and how far along their later answers they are), endpoints, servers' dates, services, tasks, clock.
   */
  readonly carried: { readonly [key: string]: PsValue };
  /** The TLS cipher suite order afterwards (Enable-RgTlsCipherSuite changes it). */
  readonly cipherSuites: { readonly available: boolean; readonly order: readonly string[] };
  /** The processes running in the user's session at the end of the run (with the ids the harness gave). */
  readonly processes: readonly RunningProcess[];
}

/** One script run on a simulated device. */
export interface Simulation {
  readonly exitCode: number;
  readonly output: readonly string[];
  /** Error records: what would reach stderr under powershell.exe -File. */
  readonly errors: readonly { Message: string; ErrorId: string; Position: string }[];
  readonly warnings: readonly string[];
  readonly information: readonly string[];
  readonly calls: readonly SeamCall[];
  /**
   * What the run did to the device, from its seam calls: each non-read seam once (`Write-RgRegistryData
   * Enabled`, `Invoke-RgNativeCommand cmdkey.exe /delete:...`), in the order of first call (the harness's `Actions`).
   */
  readonly actions: readonly string[];
  /**
   * Commands outside the seams that script steps declared `unsimulated` and the run reached: the harness
   * records and fails each (the step's result is not the device's), in the order of first call.
   */
  readonly notSimulated: readonly string[];
  /** The device afterwards. */
  readonly state: DeviceState;
  readonly log: readonly string[];
  /** Lines the PowerShell host showed (-WhatIf's "What if:" lines). */
  readonly host: readonly string[];
  readonly prompts: readonly string[];
  /** Errors of the harness itself (never expected). */
  readonly harnessErrors: readonly EngineError[];
  readonly ms: number;
}

export interface SimulateOptions {
  /** Parameters for the script, e.g. `{ WhatIf: true }`. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** -Confirm answers, in order. */
  readonly confirm?: readonly string[];
}

/**
 * The profile with its registry (and the cipher suite order, which Windows keeps in the registry) and its
 * running processes replaced by the state an earlier run left, everything else as the profile says: the
 * same device later with its symptoms back (a cooldown's case), its registry kept.
 */
export function withState(profile: DeviceProfile, state: DeviceState): DeviceProfile {
  // The installed apps' uninstall entries are in the registry now (as the run left them); their uninstallers stay.
  const { installedApps, ...rest } = profile;
  return {
    ...rest,
    ...(installedApps ? { commands: [...(profile.commands ?? []), ...installedAppData(installedApps).commands] } : {}),
    registry: state.registry,
    keys: state.keys,
    cipherSuites: { ...profile.cipherSuites, available: state.cipherSuites.available, order: state.cipherSuites.order },
    processes: state.processes,
  };
}

/** The device exactly as an earlier run left it: registry, commands' answers, endpoints, dates, services, clock. */
export function continueDevice(profile: DeviceProfile, state: DeviceState): SimulatedDevice {
  return { ...withState(profile, state), carried: state.carried };
}

/** Runs one generated script, unchanged, against a simulated device. */
export async function simulate(engine: PowerShellEngine, script: string, profile: SimulatedDevice, options: SimulateOptions = {}): Promise<Simulation> {
  const dir = mkdtempSync(join(tmpdir(), 'remgen-sim-'));
  try {
    // The device as the data file's value when the engine binds parameters exactly (no file for PowerShell to
    // parse and compile on every run), else as the data file (powershell.exe, whose request goes through ConvertFrom-Json).
    let device: { Device: unknown } | { ProfilePath: string };
    if (engine.exactParameters) {
      device = { Device: evaluatedProfile(profile) };
    } else {
      const profilePath = join(dir, 'profile.ps1');
      writeFileSync(profilePath, renderProfile(profile));
      device = { ProfilePath: profilePath };
    }
    const logRoot = join(dir, 'device');
    mkdirSync(logRoot);
    const run = await engine.run({
      file: HARNESS,
      parameters: { ScriptPath: script, ...device, LogRoot: logRoot, ScriptParameters: options.parameters ?? {} },
      ...(options.confirm ? { confirm: options.confirm } : {}),
    });
    const result = run.objects[run.objects.length - 1] as Record<string, unknown> | undefined;
    if (!result || run.errors.length > 0) {
      throw new Error(`the simulation harness failed: ${run.errors.map((e) => `${e.message} ${e.position}`).join('; ') || 'no result'}`);
    }
    const list = <T>(value: unknown): T[] => (value === null || value === undefined ? [] : Array.isArray(value) ? (value as T[]) : [value as T]);
    const state = result.State as { Registry: unknown; Keys: unknown; CipherSuites: { Available: boolean; Order: unknown }; Processes: unknown; Carried: { [key: string]: PsValue } };
    return {
      exitCode: result.ExitCode as number,
      output: list<string>(result.Output),
      errors: list(result.Errors),
      warnings: list<string>(result.Warnings),
      information: list<string>(result.Information),
      calls: list<SeamCall>(result.Calls),
      actions: list<string>(result.Actions),
      notSimulated: list<string>(result.NotSimulated),
      state: {
        registry: list<{ Path: string; Name: string; Kind: RegistryEntry['kind']; Value: RegistryEntry['value'] }>(state.Registry)
          .map((e) => ({ path: e.Path, name: e.Name, kind: e.Kind, value: e.Value })),
        keys: list<string>(state.Keys),
        carried: state.Carried,
        cipherSuites: { available: state.CipherSuites.Available, order: list<string>(state.CipherSuites.Order) },
        processes: list<{ Name: string; Id: number; Path: string; Session: number; StopError: string }>(state.Processes).map((p) => ({
          name: p.Name, id: p.Id, path: p.Path, ...(p.Session !== 1 ? { sessionId: p.Session } : {}), ...(p.StopError ? { stopError: p.StopError } : {}),
        })),
      },
      log: list<string>(result.Log),
      host: run.host,
      prompts: run.prompts,
      harnessErrors: run.errors,
      ms: run.ms,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
