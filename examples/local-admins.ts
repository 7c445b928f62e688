/**
 * Example: the local Administrators group holds exactly the built-in Administrator (kept by the exactly mode, whatever
 * it is called) and one Entra group, the helpdesk's; everyone else (the user who joined the device, the role SIDs
 * Entra join adds, orphaned SIDs) is removed. The group is named by its SID, so it works in every language.
 */
import { defineRemediation, entraSid, localGroupMember } from 'remgen';

/** The helpdesk group's Object ID, as the Entra admin center shows it. */
const HELPDESK_ADMINS = '5e7c1b52-93a4-4f1e-a0d2-6b8c3f9e1a47';

export default defineRemediation({
  id: 'local-admins',
  displayName: 'Local administrators: the helpdesk group only',
  description: 'Keeps the local Administrators group to the built-in Administrator and the Entra helpdesk group.',
  publisher: 'remgen examples',
  context: 'system',
  steps: [localGroupMember({ id: 'admins-exactly', group: 'S-1-5-32-544', members: [entraSid(HELPDESK_ADMINS)], mode: 'exactly' })],
});
