import type { CloudName } from '../../descriptor/deployment.ts';
import type { AuthMethod } from '../../publish/auth.ts';
import type { ReportArgs } from '../run/report.ts';
import type { RemgenCommand } from './command.ts';

// Spelled out here (types only imported) so that parsing loads nothing of generator/publish/.
const CLOUD_NAMES = ['global', 'usgov', 'usgov-dod', 'china'] as const satisfies readonly CloudName[];
const AUTH_METHODS = ['device-code', 'client-secret', 'client-certificate', 'workload-identity', 'managed-identity', 'azure-cli'] as const satisfies readonly AuthMethod[];

const reportCommand: RemgenCommand = {
  command: 'report [deployment]',
  describe: 'Read back what the fleet answered: device run states counted per package and step in remgen\'s own words',
  builder: (yargs) =>
    yargs
      .positional('deployment', { type: 'string', describe: 'read live from Graph: a deployment name (deployments/<name>.ts) or file, signed in as publish does' })
      .option('from', { type: 'string', describe: 'read a file instead: the portal\'s exported device status (CSV), the DeviceRunStatesByProactiveRemediation export (its zip or CSV), or Graph deviceRunStates as JSON' })
      .option('via', { choices: ['auto', 'states', 'export'] as const, default: 'auto' as const, describe: 'live: device run states page by page, or the export job (auto: the export job above 5,000 devices)' })
      .option('export-timeout', { type: 'number', default: 600, describe: 'live: seconds to wait for an export job' })
      .option('cloud', { choices: CLOUD_NAMES, describe: "live: national cloud (default: the deployment's, else global)" })
      .option('auth', { choices: AUTH_METHODS, describe: 'live: sign-in, as for publish' })
      .option('catalog', { type: 'string', default: 'remediations', describe: 'descriptor folder: its packages\' step ids split the findings exactly' })
      .option('top', { type: 'number', default: 5, describe: 'how many of each "most common" list to show' })
      .option('devices', { type: 'string', describe: 'list the devices failing this step (before remediation)' })
      .option('html', { type: 'string', describe: 'also write the report as one self-contained HTML page (charts inline, no network)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the report as JSON' })
      .option('csv', { type: 'boolean', default: false, describe: 'print one CSV row per package and step' })
      .example('$0 report contoso-prod', 'live: every package of deployments/contoso-prod.ts, from Graph')
      .example('$0 report --from DeviceRunStates.csv', 'the portal\'s export of a remediation\'s device status')
      .example('$0 report --from export.zip --html fleet.html', 'the export job\'s zip, and a page to send a colleague')
      .example('$0 report --from states.json --json', 'Graph deviceRunStates (with managedDevice expanded), as JSON for a pipeline')
      .example('$0 report --from export.csv --devices clock-in-sync', 'which devices fail one step'),
  async handler(args: ReportArgs) {
    const { runReport } = await import('../run/report.ts');
    return runReport(args);
  },
};

export default reportCommand;
