/**
 * Example: Microsoft Defender Antivirus real-time protection and PUA protection on, and signatures no older than
 * three days (updated when they are older, at most every 12 hours). A preference that does not take (tamper
 * protection, a policy) is reported, never forced.
 */
import { defender, defenderSignatureUpdate, defenderStatus, defineRemediation } from 'remgen';

export default defineRemediation({
  id: 'defender-protection',
  displayName: 'Defender real-time and PUA protection on',
  description: 'Keeps Microsoft Defender real-time protection and PUA protection on and its signatures current.',
  publisher: 'remgen examples',
  context: 'system',
  steps: [
    defender({ id: 'defender-on', realTimeMonitoring: true, puaProtection: 'enabled' }),
    defenderStatus({ id: 'defender-current', maxSignatureAgeDays: 3 }),
    defenderSignatureUpdate({ id: 'defender-update', gate: { probes: ['defender-current'] }, cooldown: 'PT12H' }),
  ],
});
