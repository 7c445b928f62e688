import { gatedBytes } from './gate.ts';
import { renderTemplate } from './templates.ts';

/** The handlebars template of the development certificate's trust script. */
export const TRUST_SCRIPT_TEMPLATE = 'sign/trust-certificate.ps1.hbs';

/**
 * The PowerShell that trusts a code-signing certificate on a lab device (Trusted Root and Trusted
 * Publishers), unsigned: templates/sign/trust-certificate.ps1.hbs with the certificate's DER in base64 and
 * its thumbprint, through the escaping helpers and the output gate like every other template. The
 * development signer signs it (generator/sign/dev-certificate.ts).
 */
export function renderTrustScript(certificate: { readonly der: Uint8Array; readonly thumbprint: string }): Uint8Array {
  const text = renderTemplate(TRUST_SCRIPT_TEMPLATE, {
    certificateBase64: Buffer.from(certificate.der).toString('base64'),
    thumbprint: certificate.thumbprint,
  });
  return gatedBytes(TRUST_SCRIPT_TEMPLATE, text);
}
