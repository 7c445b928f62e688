import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'defender-protection-healthy',
  description: 'Defender on with PUA protection, signatures from this morning, tamper protection on.',
  defender: { preferences: { PUAProtection: 1 }, signatureAgeDays: 0, tamperProtected: true },
});
