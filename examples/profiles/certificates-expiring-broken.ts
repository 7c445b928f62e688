import { defineProfile } from 'remgen';
import { WORKSTATION_TEMPLATE } from '../certificates-expiring.ts';

export default defineProfile({
  name: 'certificates-expiring-broken',
  description: 'Autoenrollment has failed for months (the device lost sight of the CA): the workstation certificate expires in 12 days, and an old one from the same CA expired in January.',
  clock: '2026-03-10T08:00:00Z',
  certificates: [
    { subject: 'CN=PC-0142.contoso.com', issuer: 'CN=Contoso Issuing CA 01, DC=contoso, DC=com', thumbprint: '7C0D4E2B9A1F3E5D6C8B0A2F4E6D8C0B2A4F6E81', notAfter: '2026-03-22T10:12:00Z', templateName: 'Contoso Workstation Authentication', templateOid: WORKSTATION_TEMPLATE },
    { subject: 'CN=PC-0142.contoso.com', issuer: 'CN=Contoso Issuing CA 01, DC=contoso, DC=com', thumbprint: 'A5B4C3D2E1F00918273645546372819A0B1C2D3E', notAfter: '2026-01-14T09:30:00Z', templateName: 'Contoso Workstation Authentication', templateOid: WORKSTATION_TEMPLATE },
    { subject: 'CN=intranet.contoso.com', issuer: 'CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US', thumbprint: '9B1E7D2C4A5F60813E2D9C7B6A5F4E3D2C1B0A99', notAfter: '2026-04-02T23:59:59Z' },
  ],
});
