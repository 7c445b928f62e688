import { defineProfile } from 'remgen';
import { WORKSTATION_TEMPLATE } from '../certificates-expiring.ts';

export default defineProfile({
  name: 'certificates-expiring-healthy',
  description: 'The workstation certificate renewed by autoenrollment a month ago; a web server certificate from a public CA.',
  clock: '2026-03-10T08:00:00Z',
  certificates: [
    { subject: 'CN=PC-0142.contoso.com', issuer: 'CN=Contoso Issuing CA 01, DC=contoso, DC=com', thumbprint: '3F2A9C41D07B6E58A1C4F0E29B7D3C5A6E8F1B20', notAfter: '2027-02-08T10:12:00Z', templateName: 'Contoso Workstation Authentication', templateOid: WORKSTATION_TEMPLATE },
    { subject: 'CN=intranet.contoso.com', issuer: 'CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US', thumbprint: '9B1E7D2C4A5F60813E2D9C7B6A5F4E3D2C1B0A99', notAfter: '2026-04-02T23:59:59Z' },
  ],
});
