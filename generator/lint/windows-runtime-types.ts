/**
 * The Windows Runtime (WinRT) types generated scripts may name. Windows PowerShell 5.1 loads a WinRT type from
 * the Windows metadata when a type literal says `ContentType = WindowsRuntime`, e.g.
 * `[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime]`;
 * after that the plain name resolves too (docs/reference/device-health.md 3). Neither the .NET Framework 4.7.2
 * reference assemblies nor PowerShell 7 have these types, so the `dotnet-surface` rule cannot resolve them: it
 * accepts exactly the types and static members listed here, each checked by hand against its Microsoft
 * reference page (the source), and only after a `ContentType = WindowsRuntime` literal of the same namespace.
 * Add an entry when a seam needs a new one.
 */
export interface WindowsRuntimeType {
  /** Static members (and `new`) the scripts may use. */
  readonly members: readonly string[];
  /** Where Microsoft documents it. */
  readonly source: string;
  /** What uses it. */
  readonly use: string;
}

export const WINDOWS_RUNTIME_TYPES: Readonly<Record<string, WindowsRuntimeType>> = {
  'Windows.UI.Notifications.ToastNotificationManager': {
    members: ['CreateToastNotifier', 'History'],
    source: 'MicrosoftDocs/winrt-api windows.ui.notifications/toastnotificationmanager_createtoastnotifier_163337301.md (Windows 8 and later)',
    use: 'Show-RgToast: the notifier for the registered app id; Get-RgToastHistory: the toasts still shown (History, Windows 10 and later)',
  },
  'Windows.UI.Notifications.ToastNotification': {
    members: ['new'],
    source: 'MicrosoftDocs/winrt-api windows.ui.notifications/toastnotification.md (constructor from an XmlDocument)',
    use: 'Show-RgToast: the toast from its XML',
  },
  'Windows.Data.Xml.Dom.XmlDocument': {
    members: ['new'],
    source: 'MicrosoftDocs/winrt-api windows.data.xml.dom/xmldocument.md (LoadXml)',
    use: 'Show-RgToast: the toast XML',
  },
};

const WINRT_LITERAL = /^\s*([\w.]+)\s*,\s*[\w.]+\s*,\s*ContentType\s*=\s*WindowsRuntime\s*$/i;

/** The type name of a `[Name, Namespace, ContentType = WindowsRuntime]` literal, as the parse facts write it. */
export function windowsRuntimeLiteral(type: string): string | undefined {
  return WINRT_LITERAL.exec(type)?.[1];
}

/** The listed WinRT type a plain name means (case-insensitive, as PowerShell resolves names). */
export function windowsRuntimeType(name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(WINDOWS_RUNTIME_TYPES).find((t) => t.toLowerCase() === lower);
}

/** The namespace of a WinRT type name (everything before its last dot). */
export const windowsRuntimeNamespace = (name: string): string => name.slice(0, name.lastIndexOf('.')).toLowerCase();
