/** What the local account rooms share: SIDs, well-known names, the Entra object-ID form. Defines no room. */

/** A SID as Windows writes it: `S-1-5-32-544`, `S-1-12-1-...`. */
export const SID = /^S-1-\d+(-\d+){1,14}$/i;

/** Well-known groups by SID (docs/reference/windows-admin.md 2.1): the same in every language. */
export const WELL_KNOWN_GROUPS: Readonly<Record<string, string>> = {
  'S-1-5-32-544': 'Administrators',
  'S-1-5-32-545': 'Users',
  'S-1-5-32-546': 'Guests',
  'S-1-5-32-555': 'Remote Desktop Users',
  'S-1-5-32-547': 'Power Users',
  'S-1-5-32-562': 'Distributed COM Users',
  'S-1-5-32-573': 'Event Log Readers',
};

/** Built-in local accounts by RID (docs/reference/windows-admin.md 2.1): renamable and disablable, never deletable. */
export const BUILT_IN_RIDS: Readonly<Record<number, string>> = { 500: 'the built-in Administrator', 501: 'Guest', 503: 'DefaultAccount', 504: 'WDAGUtilityAccount' };

/**
 * The SID an Entra (Azure AD) group or user has in a local group: `S-1-12-1-` and the object ID's 16 bytes in
 * GUID byte order read as four little-endian 32-bit numbers (docs/reference/windows-admin.md 2.3).
 * @example
 * entraSid('d86d3bd0-18c2-4355-b878-a270ec390eb9') // 'S-1-12-1-3631037392-1129650370-1889695928-3104717292'
 */
export function entraSid(objectId: string): string {
  const hex = objectId.replace(/[{}-]/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`entraSid: ${JSON.stringify(objectId)} is not an Entra object ID (a GUID)`);
  const b = Buffer.from(hex, 'hex');
  // Guid.ToByteArray order: the first three fields little-endian, the last eight bytes as written.
  const bytes = Buffer.from([b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.subarray(8)]);
  return `S-1-12-1-${[0, 4, 8, 12].map((at) => bytes.readUInt32LE(at)).join('-')}`;
}

/** A member as an admin writes it, in words: `S-1-12-1-...` is "Entra object S-1-12-1-...". */
export function memberWords(member: string): string {
  if (/^S-1-12-1-/i.test(member)) return `Entra object ${member}`;
  if (/^S-1-5-21-.*-500$/i.test(member)) return `built-in Administrator (${member})`;
  return member;
}
