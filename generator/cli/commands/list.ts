import type { RemgenCommand } from './command.ts';

const listCommand: RemgenCommand = {
  command: 'list',
  describe: 'List the remediations and bundles in the catalog',
  builder: (yargs) =>
    yargs
      .option('catalog', { type: 'string', default: 'remediations', describe: 'folder of descriptor files' })
      .option('json', { type: 'boolean', default: false, describe: 'print the list as JSON' })
      .example('$0 list', 'the packages in ./remediations')
      .example('$0 list --json', 'the same, for scripts'),
  async handler(args: { catalog: string; json: boolean }) {
    const { runList } = await import('../run/list.ts');
    return runList(args);
  },
};

export default listCommand;
