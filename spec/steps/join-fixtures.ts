/**
 * `dsregcmd /status` outputs for the join rooms' specs, in the shape of ../shared/reference/intune-configmgr.md
 * 3.1 ([DSREG]): banner boxes, then right-aligned `Name : VALUE` lines, in the Device State, Device Details,
 * Tenant Details, User State and SSO State sections.
 */
import type { NativeCommand } from '../../generator/model/profile.ts';

interface Shape {
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

export function dsregStatus(shape: Shape): string[] {
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

/** The states of issue 10, step kind 5. */
export const ENTRA = dsregStatus({ azureAdJoined: 'YES', domainJoined: 'NO', deviceAuthStatus: 'SUCCESS', prt: 'YES' });
export const HYBRID = dsregStatus({ azureAdJoined: 'YES', domainJoined: 'YES', deviceAuthStatus: 'SUCCESS', prt: 'YES' });
export const DOMAIN_ONLY = dsregStatus({ azureAdJoined: 'NO', domainJoined: 'YES' });
export const REGISTERED = dsregStatus({ azureAdJoined: 'NO', domainJoined: 'NO', workplaceJoined: 'YES' });
export const AUTH_FAILED = dsregStatus({ azureAdJoined: 'YES', domainJoined: 'YES', deviceAuthStatus: 'FAILED. Device is either disabled or deleted', prt: 'NO' });
export const PRT_MISSING = dsregStatus({ azureAdJoined: 'YES', domainJoined: 'YES', deviceAuthStatus: 'SUCCESS', prt: 'NO' });
/** Before 21H1 dsregcmd prints no DeviceAuthStatus. */
export const HYBRID_OLD = dsregStatus({ azureAdJoined: 'YES', domainJoined: 'YES', prt: 'YES' });

/** `dsregcmd /status`, answering `first`, then each of `then` on later calls in the run (the device changed). */
export const status = (first: readonly string[], ...then: (readonly string[])[]): NativeCommand => ({
  filePath: 'dsregcmd.exe', argumentList: ['/status'], exitCode: 0, output: first, then: then.map((output) => ({ exitCode: 0, output })),
});
