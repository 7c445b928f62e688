import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'local-admins-broken',
  description: 'Fresh from Autopilot on a German device (Administratoren): the two Entra role SIDs, the user who joined it, and a SID left from a deleted account; the helpdesk group missing.',
  localUsers: [{ name: 'Administrator', rid: 500, enabled: false }],
  localGroups: [{
    sid: 'S-1-5-32-544',
    name: 'Administratoren',
    members: [
      { sid: 'S-1-5-21-1085031214-1563985344-725345543-500' },
      { sid: 'S-1-12-1-9004393-1283818314-846049430-1489853906' },
      { sid: 'S-1-12-1-1307019558-1095313948-1185333899-1455320757' },
      { sid: 'S-1-12-1-2095317891-1139386042-2566325150-3318526371', name: 'AzureAD\\JonasBecker' },
      { sid: 'S-1-5-21-1085031214-1563985344-725345543-1003' },
    ],
  }],
});
