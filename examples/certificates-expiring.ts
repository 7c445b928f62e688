/**
 * Example: report the computer's certificates that expire within 30 days: the workstation authentication
 * certificate Wi-Fi and VPN depend on (by its template's OID, as the V2 template extension carries it), and any
 * certificate from the company's issuing CA. Report only: renewal is autoenrollment's job; the finding names each
 * certificate and when it expires, so the helpdesk sees it before users do.
 */
import { certificate, defineRemediation } from 'remgen';

/** The Contoso Workstation Authentication template (the OID ADCS gave it; see the certificate's Details tab). */
export const WORKSTATION_TEMPLATE = '1.3.6.1.4.1.311.21.8.16187728.6410758.8930624.1485893.13193498.244.1.43';

export default defineRemediation({
  id: 'certificates-expiring',
  displayName: 'Certificates expiring within 30 days',
  description: "Reports the computer's workstation certificate and Contoso-issued certificates that expire within 30 days (expired ones too). Changes nothing.",
  publisher: 'remgen examples',
  context: 'system',
  steps: [
    certificate({ id: 'workstation-cert', template: WORKSTATION_TEMPLATE, expiresWithinDays: 30, ifNone: 'nonCompliant', title: 'Workstation authentication certificate valid for 30 more days' }),
    certificate({ id: 'contoso-issued', issuer: 'CN=Contoso Issuing CA*', expiresWithinDays: 30, title: 'No Contoso-issued certificate expires within 30 days' }),
  ],
});
