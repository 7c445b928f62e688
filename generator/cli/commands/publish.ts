import type { CloudName } from '../../descriptor/deployment.ts';
import type { AuthMethod } from '../../publish/auth.ts';
import type { PublishArgs } from '../run/publish.ts';
import { signingOptions } from '../signing-options.ts';
import type { RemgenCommand } from './command.ts';

// Spelled out here (types only imported) so that parsing loads nothing of generator/publish/.
const CLOUD_NAMES = ['global', 'usgov', 'usgov-dod', 'china'] as const satisfies readonly CloudName[];
const AUTH_METHODS = ['device-code', 'client-secret', 'client-certificate', 'workload-identity', 'managed-identity', 'azure-cli'] as const satisfies readonly AuthMethod[];

const publishCommand: RemgenCommand = {
  command: 'publish <deployment>',
  describe: 'Publish the built Intune packages to a tenant through Microsoft Graph (plan, then apply; idempotent)',
  builder: (yargs) =>
    signingOptions(yargs)
      .positional('deployment', { type: 'string', demandOption: true, describe: 'a name (deployments/<name>.ts) or a path to a deployment file' })
      .option('what-if', { type: 'boolean', default: false, describe: 'print the plan and send no write request' })
      .option('json', { type: 'boolean', default: false, describe: 'print the plan and result as JSON' })
      .option('prune', { type: 'boolean', default: false, describe: "delete this deployment's scripts it no longer names (after the plan shows them)" })
      .option('yes', { type: 'boolean', default: false, describe: 'do not ask before deleting (--prune) in a pipeline' })
      .option('cloud', { choices: CLOUD_NAMES, describe: "national cloud (default: the deployment's, else global)" })
      .option('auth', { choices: AUTH_METHODS, describe: 'sign-in (default: client-secret, client-certificate or workload-identity when their environment variables are set, else device-code at a terminal)' })
      .option('catalog', { type: 'string', default: 'remediations', describe: 'folder of descriptor files' })
      .option('out', { type: 'string', default: 'out', describe: 'the built output (must be current: the test of build --check)' })
      .example('$0 publish contoso-test --what-if', 'the plan for deployments/contoso-test.ts, nothing sent but reads')
      .example('AZURE_CLIENT_ID=... AZURE_CLIENT_SECRET=... $0 publish contoso-prod --pfx signing.pfx', 'in CI: secret from the environment'),
  async handler(args: PublishArgs & Record<string, unknown>) {
    const { runPublish } = await import('../run/publish.ts');
    return runPublish(args);
  },
};

export default publishCommand;
