/** What the service rooms share: the service's name and its rule. Defines no room. */
import type { StepIssue } from '../room.ts';

/** One Windows service, by its service name. */
export interface ServiceName {
  /**
   * The service name (not the display name), as `sc.exe query` and the Services console's properties show it;
   * no wildcard.
   * @maxLength 256
   * @example "Spooler"
   */
  readonly serviceName: string;
}

// Service names cannot hold / or \ (CreateService); a wildcard would be several services.
const BAD_NAME = /[\\/*?]/;

export function checkServiceName(step: ServiceName, issue: StepIssue): void {
  const name = step.serviceName;
  if (typeof name !== 'string' || name.trim() === '' || BAD_NAME.test(name)) {
    issue(['serviceName'], `service name ${JSON.stringify(name)} is not one service's name: write the service name (e.g. 'Spooler', not 'Print Spooler'), with no wildcard or slash`);
  }
}
