import type { ReportArgs } from '../run/report.ts';
import type { RemgenCommand } from './command.ts';

const reportCommand: RemgenCommand = {
  command: 'report',
  describe: 'Read back what the fleet answered: device run states counted per package and step in remgen\'s own words',
  builder: (yargs) =>
    yargs
      .option('from', { type: 'string', demandOption: true, describe: 'the portal\'s exported device status (CSV), the DeviceRunStatesByProactiveRemediation report (CSV), or Graph deviceRunStates as JSON' })
      .option('catalog', { type: 'string', default: 'remediations', describe: 'descriptor folder: its packages\' step ids split the findings exactly' })
      .option('top', { type: 'number', default: 5, describe: 'how many of each "most common" list to show' })
      .option('devices', { type: 'string', describe: 'list the devices failing this step (before remediation)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the report as JSON' })
      .option('csv', { type: 'boolean', default: false, describe: 'print one CSV row per package and step' })
      .example('$0 report --from DeviceRunStates.csv', 'the portal\'s export of a remediation\'s device status')
      .example('$0 report --from states.json --json', 'Graph deviceRunStates (with managedDevice expanded), as JSON for a pipeline')
      .example('$0 report --from export.csv --devices clock-in-sync', 'which devices fail one step'),
  async handler(args: ReportArgs) {
    const { runReport } = await import('../run/report.ts');
    return runReport(args);
  },
};

export default reportCommand;
