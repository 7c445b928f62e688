import type { RemgenCommand } from './command.ts';

const simulateCommand: RemgenCommand = {
  command: 'simulate <id>',
  describe: 'Pre-flight: run a built package\'s detection, remediation and detection again on simulated devices',
  builder: (yargs) =>
    yargs
      .positional('id', { type: 'string', demandOption: true, describe: 'remediation id (built into out/intune/<id>/)' })
      .option('profile', { type: 'string', array: true, describe: 'device profile: a name from <catalog>/profiles/ or a .ts/.json file; repeatable (default: every bundled profile named <id>-*, or <bundle>-* for a package of a bundle or one whose steps a bundle holds)' })
      .option('out', { type: 'string', default: 'out', describe: 'the build output folder' })
      .option('catalog', { type: 'string', default: 'remediations', describe: 'the descriptor folder (its profiles/ holds the bundled profiles)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the cycles as JSON' })
      .example('$0 simulate tls', 'every bundled tls-* profile: healthy, TLS off, partly broken, access denied, 32-bit host')
      .example('$0 simulate tls --profile tls-partly --json', 'one profile, as JSON for a pipeline')
      .example('$0 simulate onedrive-0x8004de40-user', 'a package of a bundle: every onedrive-0x8004de40-* device')
      .example('$0 simulate tls --profile ./lab/kiosk.ts', 'a profile of your own (export default defineProfile({...}))'),
  async handler(args: { id: string; profile?: string[]; out: string; catalog: string; json: boolean }) {
    const { runSimulate } = await import('../run/simulate.ts');
    return runSimulate(args);
  },
};

export default simulateCommand;
