import { DEFENDER_DEFAULT_PREFERENCES, SIMULATED_MACHINE_SID } from '../model/profile.ts';
import type { DeviceProfileProps, Effects, Endpoint, HttpDate, InstalledApp, NativeCommand, RegistryEntry, ShortcutFile, UserRegistryEntry, WebProxy } from '../model/profile.ts';
import { psValue, type PsValue } from '../render/escape.ts';

const endpointData = (e: Endpoint): { [key: string]: PsValue } => ({
  HostName: e.hostName,
  Port: e.port ?? 443,
  Reachable: e.reachable,
  Error: e.error ?? '',
  Addresses: [...(e.addresses ?? [])],
});

const httpDateData = (h: HttpDate): { [key: string]: PsValue } => ({
  Uri: h.uri,
  Date: h.date ?? '',
  Error: h.error ?? '',
  Then: (h.then ?? []).map((t) => ({ Date: t.date ?? '', Error: t.error ?? '' })),
});

const effectsData = (e: Effects | undefined): { [key: string]: PsValue } => ({
  Endpoints: (e?.endpoints ?? []).map(endpointData),
  Commands: (e?.commands ?? []).map(commandData),
  HttpDates: (e?.httpDates ?? []).map(httpDateData),
  Clock: e?.clock ?? '',
  RemovesKeys: [...(e?.removesKeys ?? [])],
});

const PRODUCT_CODE = /^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/;
const UNINSTALL = 'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall';

/** An app's uninstall key as regedit shows it. */
export function appUninstallKey(app: InstalledApp): string {
  const key = app.key ?? app.displayName;
  if (app.scope === 'user') return `HKCU\\${UNINSTALL}\\${key}`;
  if (app.scope === 'machine32') return `HKLM\\${UNINSTALL.replace('SOFTWARE', 'SOFTWARE\\WOW6432Node')}\\${key}`;
  return `HKLM\\${UNINSTALL}\\${key}`;
}

/** A registry command line as a program and arguments, split as the generated Split-RgCommandLine does. */
export function splitCommandLine(line: string): { filePath: string; argumentList: string[] } {
  const text = line.trim();
  let file: string;
  let rest: string;
  if (text.startsWith('"')) {
    const end = text.indexOf('"', 1);
    file = text.slice(1, end);
    rest = text.slice(end + 1);
  } else {
    const exe = /^(.+?\.exe)(\s|$)/i.exec(text);
    file = exe ? exe[1]! : /^\S+/.exec(text)![0];
    rest = text.slice(file.length);
  }
  const argumentList = [...rest.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((m) => (m[0].length >= 2 && m[0].startsWith('"') && m[0].endsWith('"') ? m[0].slice(1, -1) : m[0]));
  return { filePath: file, argumentList };
}

/** The registry values of the profile's installed apps, and their uninstallers as native commands. */
export function installedAppData(apps: readonly InstalledApp[]): { registry: RegistryEntry[]; commands: NativeCommand[] } {
  const registry: RegistryEntry[] = [];
  const commands: NativeCommand[] = [];
  for (const app of apps) {
    const path = appUninstallKey(app);
    const key = app.key ?? app.displayName;
    const msi = app.windowsInstaller ?? PRODUCT_CODE.test(key);
    const value = (name: string, v: string | undefined): void => { if (v !== undefined) registry.push({ path, name, kind: 'String', value: v }); };
    value('DisplayName', app.displayName);
    value('DisplayVersion', app.displayVersion);
    value('Publisher', app.publisher);
    value('QuietUninstallString', app.quietUninstallString);
    value('UninstallString', app.uninstallString ?? (msi ? `MsiExec.exe /X${key}` : undefined));
    if (msi) registry.push({ path, name: 'WindowsInstaller', kind: 'DWord', value: 1 });
    const run = msi && PRODUCT_CODE.test(key) ? { filePath: 'msiexec.exe', argumentList: ['/x', key, '/qn', '/norestart'] } : app.quietUninstallString ? splitCommandLine(app.quietUninstallString) : undefined;
    if (run) {
      commands.push({ ...run, exitCode: app.uninstall?.exitCode ?? 0, timedOut: app.uninstall?.timedOut ?? false, effects: app.uninstall?.leavesApp ? {} : { removesKeys: [path] } });
    }
  }
  return { registry, commands };
}

function commandData(c: NativeCommand): { [key: string]: PsValue } {
  return {
    FilePath: c.filePath,
    ArgumentList: [...(c.argumentList ?? [])],
    ExitCode: c.exitCode,
    Output: [...(c.output ?? [])],
    Stderr: [...(c.stderr ?? [])],
    TimedOut: c.timedOut ?? false,
    Then: (c.then ?? []).map((t) => ({ ExitCode: t.exitCode, Output: [...(t.output ?? [])] })),
    Effects: effectsData(c.effects),
  };
}

const INTERNET_SETTINGS = 'hkcu\\software\\microsoft\\windows\\currentversion\\internet settings';

/**
 * The user's proxy as GetSystemWebProxy would choose it from the profile's Internet Options (HKCU
 * `ProxyEnable`, `ProxyServer`: the https entry of a per-scheme list, else the plain or http one;
 * `ProxyOverride`, `;`-separated). A PAC script is not evaluated: a profile that needs one gives `webProxy`.
 */
function internetOptionsProxy(profile: SimulatedDevice): WebProxy {
  const value = (name: string) => (profile.registry ?? []).find((r) => r.path.toLowerCase() === INTERNET_SETTINGS && r.name.toLowerCase() === name.toLowerCase())?.value;
  const enable = value('ProxyEnable');
  const server = value('ProxyServer');
  if (enable === undefined || Number(enable) === 0 || typeof server !== 'string' || !server.trim()) return {};
  const entries = server.split(/[;\s]+/).filter(Boolean);
  const scheme = (name: string) => entries.find((e) => e.toLowerCase().startsWith(`${name}=`))?.slice(name.length + 1);
  const proxy = (scheme('https') ?? entries.find((e) => !e.includes('=')) ?? scheme('http') ?? '').replace(/^[A-Za-z]+:\/\//, '');
  const override = value('ProxyOverride');
  return { proxy, bypass: typeof override === 'string' ? override.split(';').map((e) => e.trim()).filter(Boolean) : [] };
}

const PROFILE_LIST = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList';
/** The system accounts' profiles every Windows lists (LocalSystem, LocalService, NetworkService). */
const SYSTEM_PROFILES = [['S-1-5-18', '%systemroot%\\system32\\config\\systemprofile'], ['S-1-5-19', '%SystemRoot%\\ServiceProfiles\\LocalService'], ['S-1-5-20', '%SystemRoot%\\ServiceProfiles\\NetworkService']] as const;

/**
 * The users' profiles as Windows keeps them: ProfileList (with the system accounts and the Default and Public
 * values), a loaded user's hive under HKU\<SID> (and LocalSystem's under HKU\S-1-5-18 and HKU\.DEFAULT), an
 * unloaded one as a hive file the harness's Mount-RgUserHive fake mounts. Nothing when the profile has no users.
 */
function userProfileData(profile: SimulatedDevice): { registry: PsValue[]; keys: PsValue[]; hives: PsValue[] } {
  const users = profile.userProfiles ?? [];
  // A device continued from a run has the users' hives as that run left them: the registry and Carried.UserHives.
  if ((users.length === 0 && !profile.defaultUser) || profile.carried) return { registry: [], keys: [], hives: [] };
  const entry = (path: string, name: string, kind: string, value: PsValue): PsValue => ({ Path: path, Name: name, Kind: kind, Value: value });
  const registry: PsValue[] = [
    entry(PROFILE_LIST, 'Default', 'ExpandString', '%SystemDrive%\\Users\\Default'),
    entry(PROFILE_LIST, 'Public', 'ExpandString', '%SystemDrive%\\Users\\Public'),
    entry(PROFILE_LIST, 'ProfilesDirectory', 'ExpandString', '%SystemDrive%\\Users'),
    ...SYSTEM_PROFILES.map(([sid, path]) => entry(`${PROFILE_LIST}\\${sid}`, 'ProfileImagePath', 'ExpandString', path)),
  ];
  const keys: PsValue[] = ['HKU\\.DEFAULT', 'HKU\\S-1-5-18'];
  const hives: PsValue[] = [];
  const hiveEntries = (list: readonly UserRegistryEntry[] | undefined): PsValue[] => (list ?? []).map((e) => entry(e.path, e.name, e.kind, e.value));
  for (const user of users) {
    registry.push(entry(`${PROFILE_LIST}\\${user.sid}`, 'ProfileImagePath', 'ExpandString', user.path));
    if (user.loaded) {
      keys.push(`HKU\\${user.sid}`);
      registry.push(...(user.registry ?? []).map((e) => entry(`HKU\\${user.sid}\\${e.path}`, e.name, e.kind, e.value)));
    } else {
      hives.push({ File: `${user.path}\\NTUSER.DAT`, Registry: hiveEntries(user.registry), LoadError: user.loadError ?? '', UnloadError: user.unloadError ?? '', Mounted: '' });
    }
  }
  const defaultPath = profile.defaultUser?.path ?? 'C:\\Users\\Default';
  hives.push({ File: `${defaultPath}\\NTUSER.DAT`, Registry: hiveEntries(profile.defaultUser?.registry), LoadError: profile.defaultUser?.loadError ?? '', UnloadError: '', Mounted: '' });
  return { registry, keys, hives };
}

/**
 * A device a simulation runs on: a profile, and perhaps what earlier runs left of it besides the
 * registry (`Carried`, the harness's own data: see `continueDevice` in simulate.ts).
 */
export interface SimulatedDevice extends DeviceProfileProps {
  readonly carried?: { readonly [key: string]: PsValue };
}

/** A shortcut file's properties for the harness (an empty table when the item is no shortcut). */
function shortcutData(link: ShortcutFile | undefined): { [key: string]: PsValue } {
  if (!link) return {};
  return { TargetPath: link.targetPath, Arguments: link.arguments ?? '', WorkingDirectory: link.workingDirectory ?? '', IconLocation: link.iconLocation ?? '', Description: link.description ?? '' };
}

/** The profile as a PowerShell data file the harness runs (`& file` returns the hashtable). Escaped like any output. */
export function renderProfile(profile: SimulatedDevice): string {
  return psValue(profileData(profile)).replace(/\n/g, '\r\n') + '\r\n';
}

/**
 * The profile as the harness's data, the same value the data file of {@link renderProfile} evaluates to in
 * PowerShell: handed to an engine that binds parameters from JSON exactly (the engine host's protocol), it
 * spares PowerShell parsing and compiling a data file of up to tens of kilobytes on every run.
 * `spec/engine/profile-transfer.spec.ts` compares the two, type for type, in the engine.
 */
export function evaluatedProfile(profile: SimulatedDevice): { [key: string]: PsValue } {
  const data = profileData(profile);
  // Rendered all the same: what the data file could not hold (a key that is no identifier, a number that
  // is no safe integer) fails here as it would there.
  psValue(data);
  return asEvaluated(data) as { [key: string]: PsValue };
}

/**
 * A data value as PowerShell evaluates its {@link psValue} text: `@(x)` of one element that is itself an
 * array gives that array's elements (the array subexpression collects what its statement writes, and an
 * array written is enumerated); `@(a, b)` keeps each element as it is, and hashtables are never enumerated.
 */
export function asEvaluated(value: PsValue): PsValue {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items: PsValue[] = (value as readonly PsValue[]).map(asEvaluated);
    const only = items.length === 1 ? items[0]! : null;
    return Array.isArray(only) ? (only as readonly PsValue[]) : items;
  }
  const table: { [key: string]: PsValue } = {};
  for (const [key, item] of Object.entries(value)) table[key] = asEvaluated(item);
  return table;
}

function profileData(profile: SimulatedDevice): { [key: string]: PsValue } {
  const apps = installedAppData(profile.installedApps ?? []);
  const data: { [key: string]: PsValue } = {
    Name: profile.name,
    Registry: [...(profile.registry ?? []), ...apps.registry].map((e) => ({ Path: e.path, Name: e.name, Kind: e.kind, Value: e.value })),
    Keys: [...(profile.keys ?? [])],
    Commands: [...(profile.commands ?? []), ...apps.commands].map(commandData),
    Files: [...(profile.files ?? [])],
    Processes: (profile.processes ?? []).map((p) => ({ Name: p.name, Id: p.id ?? 0, Path: p.path ?? '', Session: p.sessionId ?? 1, StopError: p.stopError ?? '' })),
    Programs: (profile.programs ?? []).map((p) => ({
      FilePath: p.filePath,
      ArgumentList: [...(p.argumentList ?? [])],
      StartError: p.startError ?? '',
      Runs: p.runs ?? false,
      RunsForSeconds: p.runsForSeconds ?? 0,
      Stops: [...(p.stops ?? [])],
      Starts: (p.starts ?? []).map((s) => ({ Name: s.name, Path: s.path ?? '', AfterSeconds: s.afterSeconds ?? 0 })),
      Writes: (p.writes ?? []).map((e) => ({ Path: e.path, Name: e.name, Kind: e.kind, Value: e.value })),
    })),
    Endpoints: (profile.endpoints ?? []).map(endpointData),
    HttpDates: (profile.httpDates ?? []).map(httpDateData),
    Services: (profile.services ?? []).map((s) => ({ Name: s.name, Status: s.status, StartType: s.startType, StartError: s.startError ?? '',
      DelayedAutoStart: s.delayedAutoStart ?? false, StopError: s.stopError ?? '', ReadError: s.readError ?? '', Effects: effectsData(s.effects) })),
    ScheduledTasks: (profile.scheduledTasks ?? []).map((s) => ({ Path: s.path, Name: s.name, StartError: s.startError ?? '', Effects: effectsData(s.effects),
      State: s.state ?? 'Ready', LastRunTime: s.lastRunTime ?? '', LastTaskResult: s.lastTaskResult ?? 0, RunResult: s.runResult ?? 0, ReadError: s.readError ?? '' })),
  };
  data.FileSystem = (profile.fileSystem ?? []).map((f) => ({
    Path: f.path, Folder: f.folder ?? false, Content: f.content ?? '', HasJson: f.json !== undefined, Json: (f.json ?? {}), Length: f.length ?? -1, LastWriteTime: f.lastWriteTime ?? '',
    ReadError: f.readError ?? '', WriteError: f.writeError ?? '', ReparsePoint: f.reparsePoint ?? false,
    Encoding: f.encoding ?? '',
    HasShortcut: f.shortcut !== undefined,
    Shortcut: shortcutData(f.shortcut),
  }));
  data.AppxPackages = (profile.appxPackages ?? []).map((a) => ({
    Name: a.name, PublisherId: a.publisherId ?? '8wekyb3d8bbwe', Version: a.version ?? '1.0.0.0', CurrentUser: a.currentUser ?? true, OtherUsers: a.otherUsers ?? false,
    Provisioned: a.provisioned ?? false, RemoveError: a.removeError ?? '',
  }));
  data.WindowsFeatures = (profile.windowsFeatures ?? []).map((f) => ({
    Name: f.name, Kind: f.kind === 'capability' ? 'Capability' : 'OptionalFeature', State: f.state, RestartNeeded: f.restartNeeded ?? false, SetError: f.setError ?? '',
  }));
  data.LocalUsers = (profile.localUsers ?? []).map((u, index) => ({
    Name: u.name, Sid: `${SIMULATED_MACHINE_SID}-${u.rid ?? 1001 + index}`, Enabled: u.enabled ?? true, WriteError: u.writeError ?? '',
  }));
  data.LocalGroups = (profile.localGroups ?? []).map((g) => ({
    Sid: g.sid, Name: g.name, Members: (g.members ?? []).map((m) => ({ Sid: m.sid, Name: m.name ?? '' })), ReadError: g.readError ?? '', WriteError: g.writeError ?? '',
  }));
  if (profile.defender) {
    const d = profile.defender;
    const preferences: { [key: string]: PsValue } = { ...DEFENDER_DEFAULT_PREFERENCES };
    for (const [name, value] of Object.entries(d.preferences ?? {})) {
      if (value === null) delete preferences[name];
      else preferences[name] = typeof value === 'boolean' ? Number(value) : value;
    }
    data.Defender = [{
      Available: d.available ?? true, Preferences: preferences, TamperProtected: d.tamperProtected ?? false, ReportsTamperProtection: d.reportsTamperProtection ?? true,
      HeldByPolicy: [...(d.heldByPolicy ?? [])], SignatureAgeDays: d.signatureAgeDays ?? 0, RunningMode: d.runningMode ?? 'Normal', ReadError: d.readError ?? '',
      SetError: d.setError ?? '', UpdateError: d.updateError ?? '', UpdateTakes: d.updateTakes ?? true,
    }];
  }
  data.Accounts = (profile.accounts ?? []).map((a) => ({ Name: a.name, Sid: a.sid }));
  data.Downloads = (profile.downloads ?? []).map((d) => ({ Source: d.source, Content: d.content ?? '', Error: d.error ?? '' }));
  data.TlsChains = (profile.tlsChains ?? []).map((t) => ({
    HostName: t.hostName, Port: t.port ?? 443, Proxy: t.proxy ?? '', PolicyErrors: t.policyErrors ?? 'None', Error: t.error ?? '', TimesOut: t.timesOut ?? false,
    Chain: (t.chain ?? []).map((c) => ({ Subject: c.subject, Issuer: c.issuer ?? c.subject, Thumbprint: c.thumbprint.toUpperCase() })),
  }));
  data.Proxies = (profile.proxies ?? []).map((p) => ({
    Address: p.address, Status: p.status ?? 200, Reason: p.reason ?? (p.status === 407 ? 'Proxy Authentication Required' : (p.status ?? 200) === 200 ? 'Connection established' : 'Error'), TimesOut: p.timesOut ?? false,
  }));
  const users = userProfileData(profile);
  (data.Registry as PsValue[]).push(...users.registry);
  (data.Keys as PsValue[]).push(...users.keys);
  if (users.hives.length > 0) data.UserHives = users.hives;
  const web = profile.webProxy ?? internetOptionsProxy(profile);
  data.WebProxy = { Proxy: web.proxy ?? '', Bypass: [...(web.bypass ?? [])] };
  if (profile.lastBootTime) data.LastBootTime = profile.lastBootTime;
  data.Drives = (profile.drives ?? [{ name: 'C:', totalBytes: 256 * 1073741824, freeBytes: 100 * 1073741824 }]).map((d) => ({
    Name: d.name, TotalBytes: d.totalBytes, FreeBytes: d.freeBytes, Ready: d.ready ?? true, ReadError: d.readError ?? '',
  }));
  data.Certificates = (profile.certificates ?? []).map((c) => ({
    Location: c.location ?? 'LocalMachine', Store: c.store ?? 'My', Subject: c.subject, Issuer: c.issuer ?? 'CN=Contoso Issuing CA 01, DC=contoso, DC=com',
    Thumbprint: c.thumbprint.toUpperCase(), NotBefore: c.notBefore ?? new Date(Date.parse(c.notAfter) - 365 * 86400000).toISOString(), NotAfter: c.notAfter,
    TemplateName: c.templateName ?? '', TemplateOid: c.templateOid ?? '', HasPrivateKey: c.hasPrivateKey ?? true, ReadError: c.readError ?? '', RemoveError: c.removeError ?? '', Stays: c.stays ?? false,
  }));
  if (profile.notifications) {
    const n = profile.notifications;
    data.Notifications = { Shown: n.shown ?? true, ShowError: n.showError ?? '', HistoryError: n.historyError ?? '' };
  }
  if (profile.specialFolders) data.SpecialFolders = { ...profile.specialFolders };
  if (profile.carried) data.Carried = profile.carried;
  if (profile.cipherSuites) {
    const c = profile.cipherSuites;
    data.CipherSuites = { Available: c.available ?? true, Order: [...c.order], ReadError: c.readError ?? '', EnableError: c.enableError ?? '' };
  }
  if (profile.clock) data.Clock = profile.clock;
  if (profile.platform) {
    const platform: { [key: string]: PsValue } = {};
    if (profile.platform.is64BitOperatingSystem !== undefined) platform.Is64BitOperatingSystem = profile.platform.is64BitOperatingSystem;
    if (profile.platform.is64BitProcess !== undefined) platform.Is64BitProcess = profile.platform.is64BitProcess;
    if (profile.platform.systemRoot !== undefined) platform.SystemRoot = profile.platform.systemRoot;
    data.Platform = platform;
  }
  if (profile.faults) {
    const throws: { [key: string]: PsValue } = {};
    for (const [seam, message] of Object.entries(profile.faults.throws ?? {})) throws[seam.replaceAll('-', '_')] = message;
    data.Faults = {
      AccessDenied: (profile.faults.accessDenied ?? []).map((d) => ({ Key: d.key, Access: d.access ?? 'Write' })),
      Throws: throws,
    };
  }
  return data;
}
