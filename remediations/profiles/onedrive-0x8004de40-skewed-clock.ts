import { defineProfile } from 'remgen';
import { HEALTHY_DEVICE, SKEWED_CLOCK, withCommands } from './device-data.ts';

export default defineProfile({
  name: 'onedrive-0x8004de40-skewed-clock',
  description: 'The device clock is 10 minutes behind Microsoft 365 (a dead CMOS battery after a holiday); w32tm /resync corrects it.',
  ...HEALTHY_DEVICE,
  httpDates: SKEWED_CLOCK.httpDates,
  commands: withCommands(HEALTHY_DEVICE.commands ?? [], SKEWED_CLOCK.resync),
});
