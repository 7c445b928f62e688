/** What the certificate rooms share: the store and the match, and their rules. Defines no room. */
import type { StepContext, StepIssue } from '../room.ts';
import type { PsValue } from '../../render/escape.ts';

/** Which certificates a step looks at: a store, and at least one of subject, issuer, template, thumbprint. */
export interface CertificateMatch {
  /**
   * `localMachine` (the computer's stores, Cert:\LocalMachine) or `currentUser` (the signed-in user's,
   * Cert:\CurrentUser; the step then runs as the user).
   * @default "localMachine"
   */
  readonly storeLocation?: 'localMachine' | 'currentUser';
  /**
   * The store's name as the Cert: drive shows it: `My` (Personal), `Root`, `CA` (intermediates), `TrustedPeople`, ...
   * @default "My"
   * @pattern ^[A-Za-z][A-Za-z0-9 _-]{0,63}$
   */
  readonly storeName?: string;
  /**
   * The subject's distinguished name, `*` and `?` wildcards, case-insensitive, e.g. `CN=*.contoso.com` or
   * `CN=Contoso VPN*`.
   * @maxLength 512
   */
  readonly subject?: string;
  /** The issuer's distinguished name, with wildcards, e.g. `CN=Contoso Issuing CA 01*`. @maxLength 512 */
  readonly issuer?: string;
  /**
   * The certificate template: its OID (`1.3.6.1.4.1.311.21.8....`, matched against the V2 template extension) or
   * its name (matched against a V1 template's name, or the name Windows shows beside a V2 template's OID).
   * @maxLength 256
   */
  readonly template?: string;
  /** One certificate by its SHA-1 thumbprint (40 hex digits, spaces ignored). */
  readonly thumbprint?: string;
}

const OID = /^\d+(\.\d+)+$/;
const THUMBPRINT = /^[0-9A-Fa-f]{40}$/;

/** Spaces and invisible marks removed (a thumbprint copied from the certificate dialog carries U+200E). */
export const cleanThumbprint = (text: string): string => text.replace(/[\s\u200e\u200f]/g, '').toUpperCase();

export function checkCertificateMatch(step: CertificateMatch & { readonly id: string }, issue: StepIssue, kind: string): void {
  if (!step.subject && !step.issuer && !step.template && !step.thumbprint) {
    issue([], `the ${kind} step ${JSON.stringify(step.id)} matches every certificate of the store: give subject, issuer, template or thumbprint`);
  }
  for (const key of ['subject', 'issuer'] as const) {
    const pattern = step[key];
    if (pattern !== undefined && (typeof pattern !== 'string' || pattern.replace(/[*?\s]/g, '') === '')) {
      issue([key], `${key} ${JSON.stringify(pattern)} matches every certificate: write part of the name, e.g. 'CN=*.contoso.com'`);
    }
  }
  if (step.thumbprint !== undefined && !THUMBPRINT.test(cleanThumbprint(step.thumbprint))) {
    issue(['thumbprint'], `thumbprint ${JSON.stringify(step.thumbprint)} is not a SHA-1 thumbprint: 40 hex digits, as the certificate's Details tab shows`);
  }
  if (step.template !== undefined && (typeof step.template !== 'string' || step.template.trim() === '' || /[*?]/.test(step.template))) {
    issue(['template'], `template ${JSON.stringify(step.template)} is not a template: write its OID or its name, without wildcards`);
  }
}

export const storeWords = (step: CertificateMatch): string =>
  `${step.storeLocation === 'currentUser' ? 'CurrentUser' : 'LocalMachine'}\\${step.storeName ?? 'My'}`;

export function matchWords(step: CertificateMatch): string {
  const parts = [
    step.subject ? `subject ${step.subject}` : '',
    step.issuer ? `issuer ${step.issuer}` : '',
    step.template ? `template ${step.template}` : '',
    step.thumbprint ? `thumbprint ${cleanThumbprint(step.thumbprint)}` : '',
  ].filter(Boolean);
  return `certificates in ${storeWords(step)} with ${parts.join(', ')}`;
}

export const certificateContext = (step: CertificateMatch, write: boolean): StepContext =>
  (step.storeLocation === 'currentUser' ? 'user' : write ? 'system' : 'any');

export function matchData(step: CertificateMatch): { [key: string]: PsValue } {
  const template = step.template?.trim() ?? '';
  return {
    StoreLocation: step.storeLocation === 'currentUser' ? 'CurrentUser' : 'LocalMachine',
    StoreName: step.storeName ?? 'My',
    Subject: step.subject ?? '',
    Issuer: step.issuer ?? '',
    TemplateOid: OID.test(template) ? template : '',
    TemplateName: OID.test(template) ? '' : template,
    Thumbprint: step.thumbprint ? cleanThumbprint(step.thumbprint) : '',
  };
}
