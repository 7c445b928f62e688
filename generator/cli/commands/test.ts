import type { RemgenCommand } from './command.ts';
import type { TestArgs } from '../run/test.ts';

const testCommand: RemgenCommand = {
  command: 'test [ids..]',
  describe: 'Run the built packages\' Pester suites (out/intune/<id>/tests/) under real Pester, in one PowerShell process',
  builder: (yargs) =>
    yargs
      .positional('ids', { type: 'string', array: true, describe: 'package ids (default: every package with a suite)' })
      .option('profile', { type: 'string', array: true, describe: 'only these bundled device profiles (by name); repeatable' })
      .option('junit', { type: 'string', describe: 'also write a JUnit XML result file (Azure DevOps, GitHub test reporting)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the results as JSON' })
      .option('out', { type: 'string', default: 'out', describe: 'the build output folder' })
      .option('pester', { type: 'string', describe: 'a Pester version to restore from NuGet and use (default: an installed 5.x/6.x, else 5.7.1)' })
      .example('$0 test', 'every built package\'s suite')
      .example('$0 test tls --profile tls-partly --junit results.xml', 'one package on one device, with a JUnit file'),
  async handler(args: TestArgs) {
    const { runTest } = await import('../run/test.ts');
    return runTest(args);
  },
};

export default testCommand;
