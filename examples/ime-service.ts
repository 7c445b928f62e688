/**
 * Example: keep a service running and automatic: the Intune Management Extension, which runs Win32 apps and
 * these very remediations. A device without it (not yet enrolled for Win32 apps) is not applicable.
 */
import { defineRemediation, service } from 'remgen';

export default defineRemediation({
  id: 'ime-service',
  displayName: 'Intune Management Extension running',
  description: 'Keeps the Intune Management Extension service automatic and running.',
  publisher: 'remgen examples',
  context: 'system',
  steps: [service({ id: 'ime-running', serviceName: 'IntuneManagementExtension', startType: 'automatic', status: 'running', ifMissing: 'notApplicable' })],
});
