/**
 * Device profiles: simulated devices that `remgen simulate` and the tests run generated scripts against
 * (generator/engine/Invoke-RgSimulation.ps1 replaces the scripts' seams with fakes that read these).
 * @example
 * import { defineProfile } from 'remgen';
 * export default defineProfile({ name: 'tls-off', description: 'TLS 1.2 keys absent', registry: [] });
 */

/**
 * A simulated device for the harness (generator/engine/Invoke-RgSimulation.ps1): what the seams see.
 * Registry paths are written as regedit shows them on 64-bit Windows (`HKLM\SOFTWARE\WOW6432Node\...` is
 * what a 32-bit view of `HKLM\SOFTWARE\...` reaches).
 */
export interface DeviceProfileProps {
  /** Short name, e.g. `tls-off`. */
  readonly name: string;
  /** What this device is, in words. */
  readonly description: string;
  /** Registry values present on the device. */
  readonly registry?: readonly RegistryEntry[];
  /** Keys that exist without values. Keys of `registry` entries exist anyway. */
  readonly keys?: readonly string[];
  /** Native programs' results, matched on file name (no folder) and arguments. */
  readonly commands?: readonly NativeCommand[];
  /** @default '2026-01-01T00:00:00Z' */
  readonly clock?: string;
  /** @default 64-bit process on 64-bit Windows, SystemRoot C:\WINDOWS */
  readonly platform?: { readonly is64BitOperatingSystem?: boolean; readonly is64BitProcess?: boolean; readonly systemRoot?: string };
  /**
   * Files that exist. A path may start with an environment variable the script expands: `%LOCALAPPDATA%`
   * (the harness's per-run folder), `%ProgramData%`, `%ProgramFiles%` (`C:\Program Files`) or
   * `%ProgramFiles(x86)%` (`C:\Program Files (x86)`, 64-bit Windows only), e.g.
   * `%LOCALAPPDATA%\Microsoft\OneDrive\OneDrive.exe`.
   */
  readonly files?: readonly string[];
  /**
   * Processes running in the user's session (what `Get-RgProcess` sees; other sessions' processes are not
   * seen, so they are not modelled). The device state after a run lists them again.
   */
  readonly processes?: readonly RunningProcess[];
  /**
   * What starting a program does (`Start-RgProcess`), matched like `commands` on file name and arguments;
   * starting one not listed fails as a missing file does.
   */
  readonly programs?: readonly Program[];
  /**
   * Hosts the network seams know: a listed host resolves (to `addresses`), and a TCP connect to a listed
   * host and port succeeds when `reachable`, else fails with `error` (default `timed out after N ms`).
   * A host not listed does not resolve; a listed host on a port not listed refuses the connection.
   */
  readonly endpoints?: readonly Endpoint[];
  /**
   * Scheduled tasks `Start-RgScheduledTask` can start (path and name compared case-insensitively); one not
   * listed does not exist.
   */
  readonly scheduledTasks?: readonly ScheduledTask[];
  /**
   * What `Get-RgHttpDate` reads: the HTTP `Date` header each server answers with. A URI not listed fails
   * as an unresolvable name does.
   */
  readonly httpDates?: readonly HttpDate[];
  /**
   * Apps in Add/Remove Programs: registry values of their uninstall entries, and commands for their
   * uninstallers (msiexec /x for a product code, else the QuietUninstallString).
   */
  readonly installedApps?: readonly InstalledApp[];
  /** AppX packages: installed for the current user, for other users, provisioned for new profiles. */
  readonly appxPackages?: readonly AppxPackage[];
  /** Windows services `Get-RgService` sees (by name, case-insensitive); one not listed is not installed. */
  readonly services?: readonly Service[];
  /**
   * The TLS cipher suites `Get-RgTlsCipherSuite` lists, and `Enable-RgTlsCipherSuite` changes.
   * @default the TLS module is there and lists no suite
   */
  readonly cipherSuites?: CipherSuites;
  readonly faults?: Faults;
  /**
   * Files and folders the file seams see (`Get-RgFileItem`, `Get-RgFileHash`, the JSON and write seams),
   * with their content, size and age; a path may start with an environment variable as in `files`.
   */
  readonly fileSystem?: readonly FileItem[];
  /** What `Save-RgDownload` gets for a source (an https:// URL or a path not in `fileSystem`); an unlisted URL fails. */
  readonly downloads?: readonly Download[];
  /**
   * What `Get-RgTlsChain` is presented at each endpoint (host compared case-insensitively): directly, or
   * through a proxy of `proxies` when an entry names it in `proxy` (an inspecting proxy presents its own
   * chain). An endpoint not listed does not resolve.
   */
  readonly tlsChains?: readonly TlsEndpoint[];
  /** Explicit proxies and how each answers `CONNECT` (what `Get-RgTlsChain` meets first through a proxy). */
  readonly proxies?: readonly ProxyServer[];
  /**
   * What `[System.Net.WebRequest]::GetSystemWebProxy()` chooses for the signed-in user (`Get-RgSystemWebProxy`):
   * their Internet Options' proxy and the hosts it bypasses. @default the manual proxy of the profile's
   * `HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings` (`ProxyEnable`, `ProxyServer`,
   * `ProxyOverride`; a PAC script is not evaluated), else direct
   */
  readonly webProxy?: WebProxy;
  /** Windows optional features and capabilities the features seams list (by name); one not listed is unknown to this Windows. */
  readonly windowsFeatures?: readonly WindowsFeature[];
  /** Local user accounts (what Get-LocalUser lists); SIDs under the simulated machine's `S-1-5-21-1085031214-1563985344-725345543`. */
  readonly localUsers?: readonly LocalUser[];
  /** Local groups with their members as ADSI lists them (by SID; names in the device's language). */
  readonly localGroups?: readonly LocalGroup[];
  /** Domain and Entra accounts the device can resolve by name (NTAccount.Translate), e.g. `AzureAD\alex@contoso.com`. */
  readonly accounts?: readonly { readonly name: string; readonly sid: string }[];
  /** Microsoft Defender Antivirus as the Mp cmdlets see it. @default not running: the Mp cmdlets fail as with another antivirus (HRESULT 0x800106BA) */
  readonly defender?: DefenderState;
  /** When Windows last started (`Get-RgLastBootTime`), ISO 8601 UTC. @default a day before `clock` */
  readonly lastBootTime?: string;
  /** Drives `Get-RgDriveSpace` sees (by letter); one not listed does not exist. @default C: of 256 GB with 100 GB free */
  readonly drives?: readonly Drive[];
  /**
   * Certificates in the stores `Get-RgCertificate` reads (carried between runs: `Remove-RgCertificate` takes
   * them out). The usual stores (My, Root, CA, ...) exist even when empty; another exists when a certificate is in it.
   */
  readonly certificates?: readonly StoreCertificate[];
  /** How toasts to the signed-in user fare (`Show-RgToast`, `Get-RgToastHistory`); the toasts shown are carried. @default they are shown */
  readonly notifications?: Notifications;
  /**
   * Known folders `Get-RgSpecialFolder` gives. @default CommonDesktopDirectory `C:\\Users\\Public\\Desktop`,
   * DesktopDirectory `C:\\Users\\ada\\Desktop`
   */
  readonly specialFolders?: { readonly CommonDesktopDirectory?: string; readonly DesktopDirectory?: string };
  /**
   * The users' profiles (docs/reference/user-profiles.md): each is a subkey of
   * `HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList` (its `ProfileImagePath`), beside the
   * system accounts' (S-1-5-18, -19, -20), which the harness always lists; a loaded hive is `HKU\<SID>`, an
   * unloaded one the profile folder's NTUSER.DAT, which `reg load` mounts.
   */
  readonly userProfiles?: readonly UserProfile[];
  /** The Default profile (the template of new users' profiles): its folder and its NTUSER.DAT's registry. */
  readonly defaultUser?: { readonly path?: string; readonly registry?: readonly UserRegistryEntry[]; readonly loadError?: string };
}

/** Toasts on the simulated device. */
export interface Notifications {
  /** A toast reaches the user's notifications; false: Windows drops it silently (notices turned off, no session). @default true */
  readonly shown?: boolean;
  /** `Show-RgToast` throws this (e.g. `Element not found.` from the notification platform). */
  readonly showError?: string;
  /** `Get-RgToastHistory` throws this. */
  readonly historyError?: string;
}

/** A certificate in a store, as X509Store shows it. */
export interface StoreCertificate {
  /** @default "LocalMachine" */
  readonly location?: 'LocalMachine' | 'CurrentUser';
  /** @default "My" */
  readonly store?: string;
  /** e.g. `CN=PC-0142.contoso.com`. */
  readonly subject: string;
  /** @default 'CN=Contoso Issuing CA 01, DC=contoso, DC=com' */
  readonly issuer?: string;
  /** SHA-1, 40 hex digits. */
  readonly thumbprint: string;
  /** ISO 8601 UTC. @default a year before `notAfter` */
  readonly notBefore?: string;
  /** ISO 8601 UTC, e.g. `2026-04-01T00:00:00Z`. */
  readonly notAfter: string;
  /** The template's name (V1, or the name Windows shows beside a V2 template's OID). */
  readonly templateName?: string;
  /** A V2 template's OID. */
  readonly templateOid?: string;
  /** @default true */
  readonly hasPrivateKey?: boolean;
  /** Reading the store fails with this message. */
  readonly readError?: string;
  /** `Remove-RgCertificate` throws this (e.g. `Access is denied.`). */
  readonly removeError?: string;
  /** The removal does nothing (the certificate is still there afterwards: a store that another agent refills). */
  readonly stays?: boolean;
}

/** A drive as `System.IO.DriveInfo` shows it. */
export interface Drive {
  /** A letter and a colon, e.g. `C:`. */
  readonly name: string;
  /** The drive's size in bytes. */
  readonly totalBytes: number;
  /** The space this account may still write, in bytes. */
  readonly freeBytes: number;
  /** A drive without its medium (a card reader without a card). @default true */
  readonly ready?: boolean;
  /** Reading it fails with this message (access denied). */
  readonly readError?: string;
}

/** A value of a user's hive, as that user sees it in HKCU: `path` has no hive (`Software\Contoso`). */
export interface UserRegistryEntry {
  readonly path: string;
  readonly name: string;
  readonly kind: RegistryEntry['kind'];
  readonly value: RegistryEntry['value'];
}

/** A user profile on the device. */
export interface UserProfile {
  /**
   * The user's SID: `S-1-5-21-...` for a local or domain account, `S-1-12-1-...` for an Entra ID account.
   * @example "S-1-5-21-1004336348-1177238915-682003330-1001"
   */
  readonly sid: string;
  /** The profile folder (`ProfileImagePath`), e.g. `C:\Users\alice`. */
  readonly path: string;
  /** The hive is loaded (the user is signed in, or a process runs as the user): `HKU\<SID>` exists. @default false */
  readonly loaded?: boolean;
  /** The user's registry (HKCU as the user sees it). */
  readonly registry?: readonly UserRegistryEntry[];
  /** `reg load` of the NTUSER.DAT fails with this message (a hive held by another process). */
  readonly loadError?: string;
  /** `reg unload` fails with this message (a handle left open): the hive stays loaded. */
  readonly unloadError?: string;
}

/** A certificate of a chain as Windows built it. */
export interface ChainCertificate {
  /** e.g. `CN=DigiCert Global Root G2, OU=www.digicert.com, O=DigiCert Inc, C=US`. */
  readonly subject: string;
  /** @default the subject (a self-signed root) */
  readonly issuer?: string;
  /** SHA-1, 40 hex digits. */
  readonly thumbprint: string;
}

export interface TlsEndpoint {
  /** e.g. `login.microsoftonline.com`. */
  readonly hostName: string;
  /** @default 443 */
  readonly port?: number;
  /** This answer is what the endpoint presents through this proxy (`host:port`) only. @default any route */
  readonly proxy?: string;
  /** The chain, leaf first, root last. */
  readonly chain?: readonly ChainCertificate[];
  /** SslPolicyErrors as .NET names them. @default 'None' */
  readonly policyErrors?: string;
  /** The handshake fails with this message (no chain). */
  readonly error?: string;
  /** No TLS answer within the timeout. */
  readonly timesOut?: boolean;
}

export interface ProxyServer {
  /** `host:port`, e.g. `proxy.contoso.com:8080`. */
  readonly address: string;
  /** The status its answer to `CONNECT` carries, e.g. 407. @default 200 (the tunnel is open) */
  readonly status?: number;
  /** The reason phrase. @default 'Connection established', or 'Proxy Authentication Required' for 407 */
  readonly reason?: string;
  /** It accepts the connection and never answers. */
  readonly timesOut?: boolean;
}

export interface WebProxy {
  /** `host:port`; absent: direct. */
  readonly proxy?: string;
  /** Hosts the proxy is bypassed for (`*` wildcards, as Internet Options' exceptions). */
  readonly bypass?: readonly string[];
}

export interface FileItem {
  /** e.g. `%APPDATA%\Contoso\settings.json` or `C:\ProgramData\Contoso\agent.xml`. */
  readonly path: string;
  /** A folder rather than a file. @default false */
  readonly folder?: boolean;
  /**
   * A JSON file's content as data (what the JSON seams read and change); values are strings, numbers, booleans
   * or objects of them.
   */
  readonly json?: JsonObject;
  /** The file's text (its bytes are this as UTF-8; the SHA-256 is computed from them). @default '' */
  readonly content?: string;
  /** The size in bytes Windows reports. @default the content's UTF-8 length */
  readonly length?: number;
  /** Last write time, ISO 8601 UTC. @default the profile's clock */
  readonly lastWriteTime?: string;
  /** Reading it fails with this message (access denied). */
  readonly readError?: string;
  /** Writing or deleting it fails with this message (a file in use). */
  readonly writeError?: string;
  /** A folder that is a junction or symbolic link: `Get-RgFolderFiles` does not enter it. @default false */
  readonly reparsePoint?: boolean;
  /**
   * How the file's text is stored, as `Get-RgTextFile` tells it (a UTF-8 or UTF-16 LE BOM, UTF-8 without one,
   * else the ANSI code page); `Write-RgTextFile` keeps what it writes. @default utf8 when the content has a
   * non-ASCII character, else ansi
   */
  readonly encoding?: 'utf8' | 'utf8bom' | 'utf16le' | 'ansi';
  /** A shortcut (.lnk): what `Get-RgShortcut` reads from it (`Set-RgShortcut` writes it). */
  readonly shortcut?: ShortcutFile;
}

/** A .lnk file's properties as WScript.Shell shows them. */
export interface ShortcutFile {
  /** e.g. `C:\Program Files\Contoso\Portal\Portal.exe` (read back with variables expanded). */
  readonly targetPath: string;
  /** @default '' */
  readonly arguments?: string;
  /** @default '' */
  readonly workingDirectory?: string;
  /** `path,index`. @default ',0' (none) */
  readonly iconLocation?: string;
  /** @default '' */
  readonly description?: string;
}

/** A JSON object of a simulated file. */
export interface JsonObject {
  readonly [member: string]: string | number | boolean | JsonObject;
}

export interface Download {
  /** e.g. `https://downloads.contoso.com/agent/config.xml`, compared case-insensitively. */
  readonly source: string;
  /** What arrives, as UTF-8 text. */
  readonly content?: string;
  /** The download fails with this message, e.g. `The remote server returned an error: (404) Not Found.` */
  readonly error?: string;
}

export interface RegistryEntry {
  /** e.g. `HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client` */
  readonly path: string;
  readonly name: string;
  readonly kind: 'DWord' | 'QWord' | 'String' | 'ExpandString' | 'MultiString' | 'Binary';
  readonly value: number | string | readonly string[];
}

export interface NativeCommand {
  /** e.g. `cmdkey.exe` or `C:\Windows\System32\dsregcmd.exe`; only the file name is compared. */
  readonly filePath: string;
  readonly argumentList?: readonly string[];
  readonly exitCode: number;
  /** Stdout lines as Windows PowerShell would decode them. */
  readonly output?: readonly string[];
  readonly stderr?: readonly string[];
  /** The program does not finish within the caller's timeout. */
  readonly timedOut?: boolean;
  /**
   * Later calls of the same command line, in order, when the device changes between them (e.g. `cmdkey
   * /list` after a `/delete`): the first call answers with `exitCode`/`output`, the next with `then[0]`,
   * and so on; the last answer repeats.
   */
  readonly then?: readonly { readonly exitCode: number; readonly output?: readonly string[] }[];
  /** What running the command changes on the device (e.g. a name that resolves after `ipconfig /flushdns`). */
  readonly effects?: Effects;
}

/**
 * What running a command or starting a task changes on the device, from then on (later runs on the same
 * simulated device see it too): each entry replaces the one of the same host, command line or URI.
 */
export interface Effects {
  readonly endpoints?: readonly Endpoint[];
  /** Native commands that answer differently now, e.g. `dsregcmd /status` after the join task ran. */
  readonly commands?: readonly NativeCommand[];
  /** Servers' Date answers, e.g. one no longer skewed against the device clock. */
  readonly httpDates?: readonly HttpDate[];
  /** The device clock is set to this ISO 8601 UTC time, e.g. after `w32tm /resync`. */
  readonly clock?: string;
  /** Registry keys deleted with their subkeys, as regedit shows them (e.g. an uninstaller removing its entry). */
  readonly removesKeys?: readonly string[];
}

/**
 * An app in Add/Remove Programs: its uninstall entry under `...\CurrentVersion\Uninstall\<key>` (the profile
 * writes the registry values), and what its uninstaller does when run as the entry says.
 */
export interface InstalledApp {
  /** e.g. `Contoso Agent`. */
  readonly displayName: string;
  /** e.g. `5.1.2`. */
  readonly displayVersion?: string;
  readonly publisher?: string;
  /**
   * Where the entry is: `machine64` (HKLM, 64-bit view), `machine32` (HKLM\SOFTWARE\WOW6432Node) or `user` (HKCU).
   * @default "machine64"
   */
  readonly scope?: 'machine64' | 'machine32' | 'user';
  /** The entry's key name: an MSI product code (`{...}`) makes a Windows Installer product. @default the display name */
  readonly key?: string;
  /** @default true when the key is a product code */
  readonly windowsInstaller?: boolean;
  /** e.g. `"C:\Program Files\Contoso\uninst.exe" /S`. */
  readonly quietUninstallString?: string;
  /** e.g. `"C:\Program Files\Contoso\uninst.exe"`. */
  readonly uninstallString?: string;
  /**
   * What its uninstaller (msiexec /x for a product code, else the QuietUninstallString) does: exits with
   * `exitCode` and removes the entry, unless `leavesApp` (an uninstaller that exits 0 and leaves it).
   * @default { exitCode: 0 }
   */
  readonly uninstall?: { readonly exitCode?: number; readonly leavesApp?: boolean; readonly timedOut?: boolean };
}

export interface RunningProcess {
  /** The process name without `.exe`, e.g. `OneDrive`. */
  readonly name: string;
  /** @default a new id the harness gives */
  readonly id?: number;
  /** The program's full path; empty when it cannot be read (access denied). @default '' */
  readonly path?: string;
  /** Its logon session: 1 is the script's own; another user's process has another (seen only with `-AnySession`). @default 1 */
  readonly sessionId?: number;
  /** `Stop-RgProcess` throws this instead of ending it (e.g. `Access is denied`). */
  readonly stopError?: string;
}

export interface Program {
  /** e.g. `%LOCALAPPDATA%\Microsoft\OneDrive\OneDrive.exe`; only the file name is compared. */
  readonly filePath: string;
  /** Matched exactly. @default [] (no arguments) */
  readonly argumentList?: readonly string[];
  /** `Start-RgProcess` throws this instead of starting it (e.g. `Access is denied`). */
  readonly startError?: string;
  /** The started program keeps running, as a process named after its file (without `.exe`). @default false: it ends at once, as `OneDrive.exe /reset` does */
  readonly runs?: boolean;
  /**
   * The started program runs this many seconds of the simulated clock, then ends (`OneDrive.exe /reset` is
   * itself a OneDrive process while it resets). Without it and without `runs`, it ends at once.
   */
  readonly runsForSeconds?: number;
  /** Names of the running processes it ends when started (`OneDrive.exe /reset` closes the running OneDrive). */
  readonly stops?: readonly string[];
  /**
   * Processes that come up because it started, each `afterSeconds` of the simulated clock later
   * (`Wait-RgSeconds` moves the clock); e.g. OneDrive coming back after `/reset`.
   */
  readonly starts?: readonly { readonly name: string; readonly path?: string; readonly afterSeconds?: number }[];
  /** Registry values it writes when started (e.g. the account OneDrive signs in to silently after a reset). */
  readonly writes?: readonly RegistryEntry[];
}

export interface Endpoint {
  /** e.g. `login.microsoftonline.com` (compared case-insensitively). */
  readonly hostName: string;
  /** @default 443 */
  readonly port?: number;
  readonly reachable: boolean;
  /** Why the connect fails, as the socket says it, e.g. `No connection could be made because the target machine actively refused it`. */
  readonly error?: string;
  /** @default ['192.0.2.10'] */
  readonly addresses?: readonly string[];
}

export interface ScheduledTask {
  /** The task's folder, e.g. `\Microsoft\Windows\Workplace Join\` (leading and trailing backslash). */
  readonly path: string;
  /** e.g. `Automatic-Device-Join`. */
  readonly name: string;
  /** The task exists but cannot be started: what Start-ScheduledTask says, e.g. a disabled task. */
  readonly startError?: string;
  /** What the task's run changes on the device (e.g. dsregcmd reporting the device joined again). */
  readonly effects?: Effects;
  /** Whether the task is enabled; a disabled task cannot be started. @default "Ready" */
  readonly state?: 'Ready' | 'Disabled' | 'Running' | 'Queued';
  /** When it last ran, ISO 8601 UTC; absent: it never ran. A start sets it to the simulated clock. */
  readonly lastRunTime?: string;
  /** Its last run's result (0 success). @default 0 */
  readonly lastTaskResult?: number;
  /** The result a run started now ends with (becomes `lastTaskResult`). @default 0 */
  readonly runResult?: number;
  /** `Get-RgScheduledTask` and `Set-RgScheduledTaskEnabled` throw this (e.g. `Access is denied.`). */
  readonly readError?: string;
}

export interface HttpDate {
  /** e.g. `https://login.microsoftonline.com/` (compared case-insensitively, a trailing `/` ignored). */
  readonly uri: string;
  /** The server's Date as an ISO 8601 UTC time, e.g. `2026-12-01T08:00:00Z`. */
  readonly date?: string;
  /** Why no Date was read (when `date` is absent), e.g. `The operation has timed out`. */
  readonly error?: string;
  /** Later requests, in order (e.g. after the clock was corrected); the last answer repeats. */
  readonly then?: readonly { readonly date?: string; readonly error?: string }[];
}

export interface Service {
  /** e.g. `W32Time`. */
  readonly name: string;
  readonly status: 'Running' | 'Stopped' | 'StartPending' | 'StopPending' | 'Paused';
  readonly startType: 'Automatic' | 'Manual' | 'Disabled' | 'Boot' | 'System';
  /** `Start-RgService` throws this instead of starting it (a disabled service cannot start, whatever this says). */
  readonly startError?: string;
  /** An `Automatic` service whose start is delayed ("Automatic (Delayed Start)"). @default false */
  readonly delayedAutoStart?: boolean;
  /** `Stop-RgService` throws this instead of stopping it (e.g. a service that does not accept a stop). */
  readonly stopError?: string;
  /** `Get-RgService` throws this (e.g. `Access is denied.`): the service's state cannot be read. */
  readonly readError?: string;  /** What starting the service changes on the device (e.g. a local endpoint answering again after a restart). */
  readonly effects?: Effects;
}

export interface CipherSuites {
  /** Whether the TLS module's cmdlets exist (Windows 10 and later). @default true */
  readonly available?: boolean;
  /** The enabled suites, first tried first, e.g. `TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384`. */
  readonly order: readonly string[];
  /** `Get-TlsCipherSuite` fails with this message (the seam answers with it in `Error`). */
  readonly readError?: string;
  /** `Enable-TlsCipherSuite` throws this message instead of enabling. */
  readonly enableError?: string;
}

export interface Faults {
  /** Keys (and everything below) where the access is refused, as on a device. */
  readonly accessDenied?: readonly { readonly key: string; readonly access?: 'Read' | 'Write' | 'ReadWrite' }[];
  /** Seams that throw this message whenever called. */
  readonly throws?: Readonly<Record<string, string>>;
}

/** A device profile as loaded: tagged so the catalog loader can tell it from a descriptor. */
export interface DeviceProfile extends DeviceProfileProps {
  readonly type: 'profile';
}

/** A simulated device for `remgen simulate` and the engine-backed tests. */
export function defineProfile(props: DeviceProfileProps): DeviceProfile {
  return Object.freeze({ type: 'profile', ...props });
}

/** An AppX package on the device. */
export interface AppxPackage {
  /** e.g. `Microsoft.BingNews`. */
  readonly name: string;
  /** @default "8wekyb3d8bbwe" (Microsoft's publisher id) */
  readonly publisherId?: string;
  /** @default "1.0.0.0" */
  readonly version?: string;
  /** Installed for the signed-in user. @default true */
  readonly currentUser?: boolean;
  /** Installed for other users of the device (seen with -AllUsers). @default false */
  readonly otherUsers?: boolean;
  /** Provisioned for new profiles. @default false */
  readonly provisioned?: boolean;
  /** Removing it (or its provisioning) fails with this message (e.g. a package that is part of Windows). */
  readonly removeError?: string;
}

/** A Windows optional feature (`Get-WindowsOptionalFeature -Online`) or capability (`Get-WindowsCapability -Online`). */
export interface WindowsFeature {
  /** e.g. `NetFx3` or `OpenSSH.Client~~~~0.0.1.0`. */
  readonly name: string;
  /** @default "optionalFeature" */
  readonly kind?: 'optionalFeature' | 'capability';
  /**
   * As Windows names it: for a feature `Enabled`, `Disabled`, `DisabledWithPayloadRemoved`, `EnablePending`,
   * `DisablePending`; for a capability `Installed`, `NotPresent`, `InstallPending`, `UninstallPending`, `Staged`.
   */
  readonly state: string;
  /** A change answers RestartNeeded, and the state reads as pending until a restart. @default false */
  readonly restartNeeded?: boolean;
  /** Changing it fails with this message (e.g. `The source files could not be found.`). */
  readonly setError?: string;
}

/** The simulated machine's account domain SID: local accounts are this and their RID. */
export const SIMULATED_MACHINE_SID = 'S-1-5-21-1085031214-1563985344-725345543';

/** A local user account. */
export interface LocalUser {
  /** e.g. `Administrator` (or a renamed one, e.g. `Admin-Contoso`). */
  readonly name: string;
  /** The last number of its SID: 500 the built-in Administrator, 501 Guest; local users from 1001. @default 1001 and up, in order */
  readonly rid?: number;
  /** @default true */
  readonly enabled?: boolean;
  /** Changing or deleting it fails with this message (e.g. `Access is denied.`). */
  readonly writeError?: string;
}

/** A local group as the ADSI WinNT provider shows it. */
export interface LocalGroup {
  /** e.g. `S-1-5-32-544`. */
  readonly sid: string;
  /** Its name in the device's language, e.g. `Administrators` or `Administrateurs`. */
  readonly name: string;
  /** Members by SID; a member without a name (and not among the profile's accounts or users) is orphaned: ADSI shows its SID. */
  readonly members?: readonly { readonly sid: string; readonly name?: string }[];
  /** Reading it fails with this message (e.g. `Access is denied.`). */
  readonly readError?: string;
  /** Adding or removing members fails with this message. */
  readonly writeError?: string;
}

/** Defender's preferences a profile starts from when it names none (a Windows 11 default install). */
export const DEFENDER_DEFAULT_PREFERENCES: Readonly<Record<string, number>> = {
  DisableRealtimeMonitoring: 0, DisableBehaviorMonitoring: 0, DisableIOAVProtection: 0, DisableScriptScanning: 0, DisableBlockAtFirstSeen: 0,
  PUAProtection: 0, MAPSReporting: 2, CloudBlockLevel: 0, SubmitSamplesConsent: 1, EnableNetworkProtection: 0,
};

/** Microsoft Defender Antivirus on a simulated device. */
export interface DefenderState {
  /** The Mp cmdlets answer; false: they fail with HRESULT 0x800106BA, as with another antivirus that has Defender off. @default true */
  readonly available?: boolean;
  /**
   * Preferences by their Set-MpPreference name, as Get-MpPreference shows them: a Disable* switch as a boolean, a level
   * as its number (e.g. `{ DisableRealtimeMonitoring: true, PUAProtection: 0 }`); the rest as
   * `DEFENDER_DEFAULT_PREFERENCES`. A name set to `null` is one this Defender does not have.
   */
  readonly preferences?: Readonly<Record<string, boolean | number | null>>;
  /** Tamper protection on: changes to real-time, behaviour, download and script scanning, block at first sight and MAPS do nothing. @default false */
  readonly tamperProtected?: boolean;
  /** Whether Get-MpComputerStatus has IsTamperProtected (older platforms do not). @default true */
  readonly reportsTamperProtection?: boolean;
  /** Preferences a policy holds: changing them does nothing. */
  readonly heldByPolicy?: readonly string[];
  /** @default 0 */
  readonly signatureAgeDays?: number;
  /** `Normal`, `Passive Mode` or `SxS Passive Mode` (another antivirus is primary; the protections still read on), `EDR Block Mode`. @default "Normal" */
  readonly runningMode?: string;
  /** Get-MpPreference fails with this message. */
  readonly readError?: string;
  /** Set-MpPreference fails with this message. */
  readonly setError?: string;
  /** Update-MpSignature fails with this message (e.g. `0x80072ee7`, no connection to the update source). */
  readonly updateError?: string;
  /** Update-MpSignature brings the signatures up to date; false: it returns and nothing changes. @default true */
  readonly updateTakes?: boolean;
}
