import { TARGET_NAMES } from '../../descriptor/remediation.ts';
import type { RemgenCommand } from './command.ts';

const simulateCommand: RemgenCommand = {
  command: 'simulate <id>',
  describe: 'Pre-flight: run a built package\'s detection, remediation and detection again on simulated devices, and beside them every other target built (ConfigMgr discovery, remediation and program mode; the module\'s Test- and Repair-)',
  builder: (yargs) =>
    yargs
      .positional('id', { type: 'string', demandOption: true, describe: 'remediation id (built into out/intune/<id>/)' })
      .option('profile', { type: 'string', array: true, describe: 'device profile: a name from <catalog>/profiles/ or a .ts/.json file; repeatable (default: every bundled profile named <id>-*, or <bundle>-* for a package of a bundle or one whose steps a bundle holds)' })
      .option('out', { type: 'string', default: 'out', describe: 'the build output folder (its intune/<id>/, configmgr/<id>/ and module/<id>/ are simulated, those present)' })
      .option('catalog', { type: 'string', default: 'remediations', describe: 'the descriptor folder (its profiles/ holds the bundled profiles)' })
      .option('target', {
        type: 'string',
        array: true,
        default: [],
        describe: `simulate only these targets (${TARGET_NAMES.join(', ')}); comma-separated or repeated (default: every target out/ holds for the package)`,
        choices: TARGET_NAMES,
        coerce: (values: string[]) => values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean),
      })
      .option('json', { type: 'boolean', default: false, describe: 'print the cycles as JSON' })
      .example('$0 simulate tls', 'every bundled tls-* profile: healthy, TLS off, partly broken, access denied, 32-bit host')
      .example('$0 simulate tls --profile tls-partly --json', 'one profile, as JSON for a pipeline')
      .example('$0 simulate onedrive-0x8004de40-user', 'a package of a bundle: every onedrive-0x8004de40-* device')
      .example('$0 simulate tls --target intune', 'only the Intune detection and remediation, not ConfigMgr and the module')
      .example('$0 simulate tls --target configmgr', 'a ConfigMgr-only build (remgen build --target configmgr): discovery, remediation and program mode')
      .example('$0 simulate tls --profile ./lab/kiosk.ts', 'a profile of your own (export default defineProfile({...}))'),
  async handler(args: { id: string; profile?: string[]; out: string; catalog: string; target: string[]; json: boolean }) {
    const { runSimulate } = await import('../run/simulate.ts');
    return runSimulate(args);
  },
};

export default simulateCommand;
