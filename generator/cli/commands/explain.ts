import type { RemgenCommand } from './command.ts';

const explainCommand: RemgenCommand = {
  command: 'explain <id>',
  describe: 'Say in plain words what a package detects and what it changes',
  builder: (yargs) =>
    yargs
      .positional('id', { type: 'string', demandOption: true, describe: 'remediation or bundle id' })
      .option('catalog', { type: 'string', default: 'remediations', describe: 'folder of descriptor files' })
      .option('json', { type: 'boolean', default: false, describe: 'print the explanation as JSON' })
      .example('$0 explain tls', 'what the tls package checks and changes')
      .example('$0 explain onedrive-0x8004de40', 'a bundle: its packages, who they run as, their actions'),
  async handler(args: { id: string; catalog: string; json: boolean }) {
    const { runExplain } = await import('../run/explain.ts');
    return runExplain(args);
  },
};

export default explainCommand;
