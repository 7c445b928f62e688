import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'local-admins-healthy',
  description: 'The built-in Administrator (disabled) and the helpdesk group in Administrators.',
  localUsers: [{ name: 'Administrator', rid: 500, enabled: false }],
  localGroups: [{ sid: 'S-1-5-32-544', name: 'Administrators', members: [{ sid: 'S-1-5-21-1085031214-1563985344-725345543-500' }, { sid: 'S-1-12-1-1585191762-1327403940-2355876512-1192926783' }] }],
});
