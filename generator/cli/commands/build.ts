import { TARGET_NAMES } from '../../descriptor/remediation.ts';
import type { BuildArgs } from '../run/build.ts';
import { signingOptions } from '../signing-options.ts';
import type { RemgenCommand } from './command.ts';

const TARGETS = TARGET_NAMES;

const buildCommand: RemgenCommand = {
  command: 'build [ids..]',
  describe: 'Compile the catalog into out/ (Intune detection and remediation scripts, Graph body, README, manifest)',
  builder: (yargs) =>
    signingOptions(yargs)
      .positional('ids', { type: 'string', array: true, default: [], describe: 'remediation or bundle ids to build (default: all)' })
      .option('target', {
        type: 'string',
        array: true,
        default: [],
        describe: `build only for these targets (${TARGETS.join(', ')}); comma-separated or repeated (default: every target each descriptor names)`,
        choices: TARGETS,
        coerce: (values: string[]) => values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean),
      })
      .option('catalog', { type: 'string', default: 'remediations', describe: 'folder of descriptor files' })
      .option('out', { type: 'string', default: 'out', describe: 'output folder' })
      .option('check', { type: 'boolean', default: false, describe: 'list stale or missing files and exit 2 instead of writing' })
      .option('json', { type: 'boolean', default: false, describe: 'print the result as JSON' })
      .example('$0 build', 'build every remediation in ./remediations into ./out')
      .example('$0 build tls --out dist', 'build only the tls package into ./dist')
      .example('$0 build --target configmgr,module', 'build only the ConfigMgr and module output')
      .example('$0 build --check', 'fail (exit 2) when out/ is not what the descriptors produce')
      .example('$0 build --pfx signing.pfx --password-env REMGEN_SIGNING_PASSWORD', 'sign with your code-signing certificate')
      .example('$0 build --no-sign', 'build unsigned (the summary and the package READMEs say so)')
      .example('$0 build --json | jq .files', 'machine-readable result'),
  async handler(args: BuildArgs & Record<string, unknown>) {
    const { runBuild } = await import('../run/build.ts');
    return runBuild(args);
  },
};

export default buildCommand;
