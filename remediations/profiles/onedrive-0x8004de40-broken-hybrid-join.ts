import { defineProfile } from 'remgen';
import { brokenJoin, DSREG, HEALTHY_DEVICE, withCommands } from './device-data.ts';

const join = brokenJoin(DSREG.authFailed);

export default defineProfile({
  name: 'onedrive-0x8004de40-broken-hybrid-join',
  description: 'A hybrid device whose Entra device object was deleted (DeviceAuthStatus FAILED); the Automatic-Device-Join task registers it again.',
  ...HEALTHY_DEVICE,
  commands: withCommands(HEALTHY_DEVICE.commands ?? [], join.status),
  scheduledTasks: join.scheduledTasks,
});
