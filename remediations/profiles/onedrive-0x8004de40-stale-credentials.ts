import { defineProfile } from 'remgen';
import { HEALTHY_DEVICE, PER_USER, reset, signedIn, STALE_CREDENTIALS, start, withCommands, withoutSignIn } from './device-data.ts';

export default defineProfile({
  name: 'onedrive-0x8004de40-stale-credentials',
  description:
    'OneDrive cannot sign in: Credential Manager holds a stale OneDrive token and an Office ADAL token, and the work account ' +
    'never finished signing in. After the tokens are deleted and OneDrive is reset, it signs in silently with the device SSO.',
  ...HEALTHY_DEVICE,
  registry: withoutSignIn(HEALTHY_DEVICE.registry ?? []),
  commands: withCommands(HEALTHY_DEVICE.commands ?? [], ...STALE_CREDENTIALS),
  programs: [reset(PER_USER, 30, signedIn()), start(PER_USER)],
});
