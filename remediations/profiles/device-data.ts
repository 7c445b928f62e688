/**
 * What Windows shows the OneDrive 0x8004de40 packages, as data for the bundled device profiles and the
 * step rooms' specs: `dsregcmd /status` (docs/reference/intune-configmgr.md 3.1 [DSREG]), `cmdkey
 * /list` (3.2), `w32tm /query /status` (3.5), `netsh winhttp show proxy` (3.6), and the healthy device the
 * profiles start from. Every text is in the shape the reference documents; the names are invented.
 */
import type { DeviceProfileProps, Endpoint, HttpDate, NativeCommand, Program, RegistryEntry, RunningProcess, Service } from 'remgen';
import { netFxKeys, tlsHealthy } from './tls-data.ts';
import { MICROSOFT_CHAINS } from './tls-inspection-data.ts';

// --- dsregcmd /status ---------------------------------------------------------------------------------------

/** The facts a `dsregcmd /status` output is built from. */
export interface DsregShape {
  readonly azureAdJoined: 'YES' | 'NO';
  readonly domainJoined: 'YES' | 'NO';
  readonly workplaceJoined?: 'YES' | 'NO';
  /** Left out before 21H1, and when not Entra joined. */
  readonly deviceAuthStatus?: string;
  readonly prt?: 'YES' | 'NO';
}

const box = (title: string): string[] => [
  '+----------------------------------------------------------------------+',
  `| ${title.padEnd(69)}|`,
  '+----------------------------------------------------------------------+',
  '',
];
const line = (name: string, value: string): string => `${name.padStart(30)} : ${value}`;

/** `dsregcmd /status` as Windows prints it: banner boxes, then right-aligned `Name : VALUE` lines. */
export function dsregStatus(shape: DsregShape): string[] {

  const joined = shape.azureAdJoined === 'YES';
  const lines = [
    '',
    ...box('Device State'),
    line('AzureAdJoined', shape.azureAdJoined),
    line('EnterpriseJoined', 'NO'),
    line('DomainJoined', shape.domainJoined),
    ...(shape.domainJoined === 'YES' ? [line('DomainName', 'CONTOSO')] : []),
    line('Virtual Desktop', 'NOT SET'),
    line('Device Name', shape.domainJoined === 'YES' ? 'PC-0042.contoso.com' : 'PC-0042'),
    '',
  ];
  if (joined) {
    lines.push(
      ...box('Device Details'),
      line('DeviceId', '5f2c1a8e-1b7d-4e61-9d3a-2f0c8e4b7a11'),
      line('Thumbprint', '8A2F0C3D5E6B7A8C9D0E1F2A3B4C5D6E7F8A9B0C'),
      line('DeviceCertificateValidity', '[ 2026-03-02 09:14:51.000 UTC -- 2036-03-02 09:44:51.000 UTC ]'),
      line('KeyContainerId', '0b9e2d47-8f31-4c6a-a2e5-7d1c3f9b4e20'),
      line('KeyProvider', 'Microsoft Platform Crypto Provider'),
      line('TpmProtected', 'YES'),
      ...(shape.deviceAuthStatus === undefined ? [] : [line('DeviceAuthStatus', shape.deviceAuthStatus)]),
      '',
      ...box('Tenant Details'),
      line('TenantName', 'Contoso'),
      line('TenantId', '72f988bf-0000-4000-8000-00000000c0de'),
      line('Idp', 'login.windows.net'),
      line('AuthCodeUrl', 'https://login.microsoftonline.com/72f988bf-0000-4000-8000-00000000c0de/oauth2/authorize'),
      line('MdmUrl', 'https://enrollment.manage.microsoft.com/enrollmentserver/discovery.svc'),
      '',
    );
  }
  lines.push(
    ...box('User State'),
    line('NgcSet', 'NO'),
    line('WorkplaceJoined', shape.workplaceJoined ?? 'NO'),
    line('WamDefaultSet', joined ? 'YES' : 'NO'),
    '',
    ...box('SSO State'),
    line('AzureAdPrt', shape.prt ?? 'NO'),
    ...(shape.prt === 'YES' ? [line('AzureAdPrtUpdateTime', '2026-12-01 07:12:09.000 UTC'), line('AzureAdPrtExpiryTime', '2026-12-15 07:12:08.000 UTC'), line('AzureAdPrtAuthority', 'https://login.microsoftonline.com/72f988bf-0000-4000-8000-00000000c0de')] : []),
    ...(joined && shape.prt === 'NO' ? [
      '',
      line('AcquirePrtDiagnostics', 'PRESENT'),
      line('Previous Prt Attempt', '2026-12-01 07:10:02.118 UTC'),
      line('Attempt Status', '0xc000006d'),
      line('User Identity', 'adele@contoso.com'),
      line('Credential Type', 'Password'),
      line('Correlation ID', '3f6a1c2e-8b4d-4f0a-9e7c-1d2b3a4c5e6f'),
      line('Endpoint URI', 'https://login.microsoftonline.com/72f988bf-0000-4000-8000-00000000c0de/oauth2/token/'),
      line('HTTP Method', 'POST'),
      line('HTTP Error', '0x0'),
      line('HTTP status', '400'),
      line('Server Error Code', 'invalid_grant'),
      line('Server Error Description', 'AADSTS50126: Error validating credentials due to invalid username or password.'),
    ] : []),
    line('EnterprisePrt', 'NO'),
    line('OnPremTgt', shape.domainJoined === 'YES' ? 'YES' : 'NO'),
    line('CloudTgt', joined ? 'YES' : 'NO'),
    '',
    ...box('Diagnostic Data'),
    line('AadRecoveryEnabled', 'NO'),
    line('Executing Account Name', 'CONTOSO\\adele, adele@contoso.com'),
    line('KeySignTest', 'PASSED'),
    '',
  );
  return lines;
}


/** The join states of the reference's matrix (3.1). */
export const DSREG = {
  entra: dsregStatus({ azureAdJoined: 'YES', domainJoined: 'NO', deviceAuthStatus: 'SUCCESS', prt: 'YES' }),
  hybrid: dsregStatus({ azureAdJoined: 'YES', domainJoined: 'YES', deviceAuthStatus: 'SUCCESS', prt: 'YES' }),
  domainOnly: dsregStatus({ azureAdJoined: 'NO', domainJoined: 'YES' }),
  registered: dsregStatus({ azureAdJoined: 'NO', domainJoined: 'NO', workplaceJoined: 'YES' }),
  authFailed: dsregStatus({ azureAdJoined: 'YES', domainJoined: 'YES', deviceAuthStatus: 'FAILED. Device is either disabled or deleted', prt: 'NO' }),
  prtMissing: dsregStatus({ azureAdJoined: 'YES', domainJoined: 'YES', deviceAuthStatus: 'SUCCESS', prt: 'NO' }),
  /** Before 21H1 dsregcmd prints no DeviceAuthStatus. */
  hybridOld: dsregStatus({ azureAdJoined: 'YES', domainJoined: 'YES', prt: 'YES' }),
} as const;

/** `dsregcmd /status`, answering `first`, then each of `then` on later calls in the run (the device changed). */
export const dsregcmd = (first: readonly string[], ...then: (readonly string[])[]): NativeCommand => ({
  filePath: 'dsregcmd.exe', argumentList: ['/status'], exitCode: 0, output: first, then: then.map((output) => ({ exitCode: 0, output })),
});

/** The task the join repair starts (3.1). */
export const AUTOMATIC_DEVICE_JOIN = { path: '\\Microsoft\\Windows\\Workplace Join\\', name: 'Automatic-Device-Join' } as const;

// --- cmdkey /list -------------------------------------------------------------------------------------------

const credential = (target: string, user: string, persistence: string): string[] => [
  `    Target: ${target}`, '    Type: Generic ', `    User: ${user}`, `    ${persistence}`, '',
];

/** The signed-in user's Credential Manager with only Windows' own entry. */
export const CMDKEY_CLEAN = ['', 'Currently stored credentials:', '', ...credential('MicrosoftAccount:target=SSO_POP_Device', '02abcdef', 'Saved for this logon only')];

/** The same store after OneDrive and Office cached a token that no longer works (3.2). */
export const CMDKEY_STALE = [
  '', 'Currently stored credentials:', '',
  ...credential('LegacyGeneric:target=OneDrive Cached Credential Business - Business1', '0123456789abcdef', 'Local machine persistence'),
  ...credential('LegacyGeneric:target=MicrosoftOffice16_Data:ADAL:8a6c1f2e-0000-4000-8000-000000000001', 'MicrosoftOffice16_Data:ADAL:8a6c1f2e-0000-4000-8000-000000000001', 'Local machine persistence'),
  ...credential('MicrosoftAccount:target=SSO_POP_Device', '02abcdef', 'Saved for this logon only'),
];

/** `cmdkey /list`, answering `first`, then each of `then` on later calls in the run. */
export const cmdkeyList = (first: readonly string[], ...then: (readonly string[])[]): NativeCommand => ({
  filePath: 'cmdkey.exe', argumentList: ['/list'], exitCode: 0, output: first, then: then.map((output) => ({ exitCode: 0, output })),
});

/** `cmdkey /delete:<target>` answering as Windows does. */
export const cmdkeyDelete = (target: string): NativeCommand => ({
  filePath: 'cmdkey.exe', argumentList: [`/delete:${target}`], exitCode: 0, output: ['', 'CMDKEY: Credential deleted successfully.', ''],
});

const ONEDRIVE_TARGET = 'OneDrive Cached Credential Business - Business1';
const OFFICE_TARGET = 'MicrosoftOffice16_Data:ADAL:8a6c1f2e-0000-4000-8000-000000000001';

/**
 * Stale cached credentials: `cmdkey /list` shows them, and each `cmdkey /delete` takes its entry out of
 * what `/list` shows from then on.
 */
export const STALE_CREDENTIALS: readonly NativeCommand[] = [
  cmdkeyList(CMDKEY_STALE),
  { ...cmdkeyDelete(ONEDRIVE_TARGET), effects: { commands: [cmdkeyList(CMDKEY_STALE.filter((l, i, all) => !isPartOf(all, i, ONEDRIVE_TARGET)))] } },
  { ...cmdkeyDelete(OFFICE_TARGET), effects: { commands: [cmdkeyList(CMDKEY_CLEAN)] } },
];

/** Whether line `i` of a `cmdkey /list` output belongs to the entry of `target` (its 5 lines from `Target:`). */
function isPartOf(lines: readonly string[], i: number, target: string): boolean {
  const start = lines.findIndex((l) => l.endsWith(`target=${target}`));
  return start >= 0 && i >= start && i < start + 5;
}

// --- time (3.5) ---------------------------------------------------------------------------------------------

/** The device clock of every bundled profile. */
export const NOW = '2026-12-01T08:00:00Z';
export const TIME_URI = 'https://login.microsoftonline.com/';

/** `w32tm /query /status` on an English Windows 11 synchronising with time.windows.com. */
export const W32TM_STATUS: NativeCommand = {
  filePath: 'w32tm.exe',
  argumentList: ['/query', '/status'],
  exitCode: 0,
  output: [
    'Leap Indicator: 0(no warning)',
    'Stratum: 4 (secondary reference - syncd by (S)NTP)',
    'Precision: -23 (119.209ns per tick)',
    'Root Delay: 0.0312500s',
    'Root Dispersion: 7.7688843s',
    'ReferenceId: 0x14652E8F (source IP:  20.101.57.9)',
    'Last Successful Sync Time: 12/1/2026 7:58:12 AM',
    'Source: time.windows.com,0x9',
    'Poll Interval: 10 (1024s)',
    '',
  ],
};

/** `w32tm /resync` succeeding. */
export const W32TM_RESYNC: NativeCommand = { filePath: 'w32tm.exe', argumentList: ['/resync'], exitCode: 0, output: ['Sending resync command to local computer', 'The command completed successfully.', ''] };

export const W32TIME_RUNNING: Service = { name: 'W32Time', status: 'Running', startType: 'Automatic' };

/** The server's Date: `first`, then each of `then` on later requests in the run. */
export const serverDate = (first: string, ...then: string[]): HttpDate => ({ uri: TIME_URI, date: first, then: then.map((date) => ({ date })) });

// --- network (3.6, 3.7) -------------------------------------------------------------------------------------

export const SIGN_IN_HOSTS = ['login.microsoftonline.com', 'login.windows.net', 'enterpriseregistration.windows.net'] as const;

export const reachable = (hostName: string): Endpoint => ({ hostName, reachable: true, addresses: ['20.190.160.1'] });

export const NETSH_DIRECT: NativeCommand = { filePath: 'netsh.exe', argumentList: ['winhttp', 'show', 'proxy'], exitCode: 0, output: ['', 'Current WinHTTP proxy settings:', '', '    Direct access (no proxy server).', ''] };

export const IPCONFIG_FLUSH: NativeCommand = { filePath: 'ipconfig.exe', argumentList: ['/flushdns'], exitCode: 0, output: ['', 'Windows IP Configuration', '', 'Successfully flushed the DNS Resolver Cache.', ''] };

// --- the user's settings ------------------------------------------------------------------------------------

export const INTERNET_SETTINGS = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';

/** Internet Options with TLS 1.0, 1.1 and 1.2 ticked (0xA80, 3.3). */
export const WININET_HEALTHY: RegistryEntry = { path: INTERNET_SETTINGS, name: 'SecureProtocols', kind: 'DWord', value: 0xa80 };

// --- OneDrive (3.4) ------------------------------------------------------------------------------------------

/** Where OneDrive.exe is installed: per user, per machine, per machine 32-bit. */
export const PER_USER = '%LOCALAPPDATA%\\Microsoft\\OneDrive\\OneDrive.exe';
export const PER_MACHINE = 'C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe';
export const PER_MACHINE_X86 = 'C:\\Program Files (x86)\\Microsoft OneDrive\\OneDrive.exe';
export const BUSINESS1 = 'HKCU\\Software\\Microsoft\\OneDrive\\Accounts\\Business1';
export const TENANT = '8a6c1f2e-1b2c-4d3e-9f00-1234567890ab';

/** Business1 as OneDrive leaves it after a completed sign-in (UserFolder too, which the probe does not read). */
export const signedIn = (tenant = TENANT): RegistryEntry[] => [
  { path: BUSINESS1, name: 'UserEmail', kind: 'String', value: 'adele.vance@contoso.com' },
  { path: BUSINESS1, name: 'ConfiguredTenantId', kind: 'String', value: tenant },
  { path: BUSINESS1, name: 'UserFolder', kind: 'String', value: 'C:\\Users\\AdeleV\\OneDrive - Contoso' },
];

/** Where the per-user OneDrive runs from on the device, as the process list shows it. */
export const USER_ONEDRIVE = 'C:\\Users\\AdeleV\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe';

/** The OneDrive client running in the user's session. */
export const running = (path = USER_ONEDRIVE, id = 5120): RunningProcess => ({ name: 'OneDrive', id, path });

/**
 * `OneDrive.exe /reset` at `path`: closes the running OneDrive and is itself a OneDrive process for 20 s while
 * it resets; OneDrive comes back on its own after `after` seconds, or not at all (undefined); `writes` are the
 * values a silent sign-in leaves once it is back.
 */
export const reset = (path: string, after?: number, writes: readonly RegistryEntry[] = []): Program => ({
  filePath: path,
  argumentList: ['/reset'],
  stops: ['OneDrive'],
  runsForSeconds: 20,
  starts: after === undefined ? [] : [{ name: 'OneDrive', afterSeconds: after }],
  writes,
});

/** Registry entries without the Business1 sign-in values (OneDrive installed or not, never signed in). */
export const withoutSignIn = (registry: readonly RegistryEntry[]): RegistryEntry[] =>
  registry.filter((e) => !signedIn().some((s) => s.path === e.path && s.name === e.name));

/** `OneDrive.exe` started by hand (no arguments): it runs. */
export const start = (path: string): Program => ({ filePath: path, runs: true });

// --- Windows build and TLS 1.3, cipher suites (3.0, 3.3) ----------------------------------------------------

export const CURRENT_VERSION = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';
export const SCHANNEL_TLS13_CLIENT = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.3\\Client';

/** The Windows build as CurrentVersion shows it. */
export const windowsBuild = (build: number, ubr: number, display: string): RegistryEntry[] => [
  { path: CURRENT_VERSION, name: 'CurrentBuildNumber', kind: 'String', value: String(build) },
  { path: CURRENT_VERSION, name: 'UBR', kind: 'DWord', value: ubr },
  { path: CURRENT_VERSION, name: 'DisplayVersion', kind: 'String', value: display },
];

/** Windows 11 23H2 with the SCHANNEL TLS 1.3 client turned on explicitly. */
export const WINDOWS_11_TLS13: readonly RegistryEntry[] = [
  ...windowsBuild(22631, 4460, '23H2'),
  { path: SCHANNEL_TLS13_CLIENT, name: 'Enabled', kind: 'DWord', value: 1 },
  { path: SCHANNEL_TLS13_CLIENT, name: 'DisabledByDefault', kind: 'DWord', value: 0 },
];

/** Windows 10 22H2: no TLS 1.3 in SCHANNEL's client (the step is not applicable). */
export const WINDOWS_10: readonly RegistryEntry[] = windowsBuild(19045, 5131, '22H2');

const AFD = ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256'];
const OTHER_SUITES = ['TLS_AES_256_GCM_SHA384', 'TLS_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384', 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256', 'TLS_RSA_WITH_AES_256_GCM_SHA384', 'TLS_RSA_WITH_AES_128_GCM_SHA256'];

/** The Azure Front Door suites first, as Microsoft's 0x8004de40 article asks (3.0). */
export const CIPHERS_FRONT_DOOR_FIRST = { order: [...AFD, ...OTHER_SUITES] } as const;
/** Windows 10's own order: the Front Door suites enabled, but behind the TLS 1.3 and ECDSA suites. */
export const CIPHERS_WINDOWS_DEFAULT = { order: [...OTHER_SUITES.slice(0, 4), ...AFD, ...OTHER_SUITES.slice(4)] } as const;

// --- the healthy device -------------------------------------------------------------------------------------

/**
 * A hybrid-joined 64-bit Windows 11 device with nothing wrong: TLS 1.2 everywhere and TLS 1.3 on, the Azure
 * Front Door cipher suites first, the clock in sync, Microsoft 365 reachable, the user's Internet Options
 * and Credential Manager clean, OneDrive installed per user, running and signed in to the work account. The bundled profiles
 * are this device with one thing (or everything) broken.
 */
export const HEALTHY_DEVICE: Omit<DeviceProfileProps, 'name' | 'description'> = {
  clock: NOW,
  registry: [...tlsHealthy, ...WINDOWS_11_TLS13, WININET_HEALTHY, ...signedIn()],
  cipherSuites: CIPHERS_FRONT_DOOR_FIRST,
  files: [PER_USER],
  processes: [running()],
  keys: [...netFxKeys],
  commands: [dsregcmd(DSREG.hybrid), W32TM_STATUS, W32TM_RESYNC, NETSH_DIRECT, IPCONFIG_FLUSH, cmdkeyList(CMDKEY_CLEAN)],
  httpDates: [serverDate('2026-12-01T08:00:01Z')],
  services: [W32TIME_RUNNING],
  scheduledTasks: [AUTOMATIC_DEVICE_JOIN],
  endpoints: SIGN_IN_HOSTS.map(reachable),
  tlsChains: MICROSOFT_CHAINS,
};

/** `commands` with each of `replacements` put in place of the command with the same program and arguments. */
export function withCommands(commands: readonly NativeCommand[], ...replacements: NativeCommand[]): NativeCommand[] {
  const key = (c: NativeCommand): string => [c.filePath.toLowerCase(), ...(c.argumentList ?? [])].join(' ');
  const wanted = new Map(replacements.map((c) => [key(c), c]));
  const kept = commands.filter((c) => !wanted.has(key(c)));
  return [...kept, ...replacements];
}

/** The device clock 10 minutes behind Microsoft 365's Date; `w32tm /resync` sets it right. */
export const SKEWED_CLOCK: Pick<DeviceProfileProps, 'httpDates'> & { readonly resync: NativeCommand } = {
  httpDates: [serverDate('2026-12-01T08:10:00Z')],
  resync: { ...W32TM_RESYNC, effects: { clock: '2026-12-01T08:10:00Z' } },
};

/** A join that fails until the Automatic-Device-Join task runs; then dsregcmd shows `joined` (3.1). */
export function brokenJoin(broken: readonly string[], joined: readonly string[] = DSREG.hybrid): Pick<DeviceProfileProps, 'scheduledTasks'> & { readonly status: NativeCommand } {
  return {
    status: dsregcmd(broken),
    scheduledTasks: [{ ...AUTOMATIC_DEVICE_JOIN, effects: { commands: [dsregcmd(joined)] } }],
  };
}
