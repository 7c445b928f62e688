import type { StepBase } from '../../model/step.ts';
import type { StepIssue, StepRoom } from '../room.ts';
import { memberWords, SID, WELL_KNOWN_GROUPS } from './account-common.ts';

/** Props of {@link localGroupMember}. */
export interface LocalGroupMemberProps extends StepBase {
  /**
   * The local group: a well-known SID (`S-1-5-32-544` Administrators, `S-1-5-32-555` Remote Desktop Users), the same
   * in every language, or a group's name on the device.
   * @maxLength 256
   * @example "S-1-5-32-544"
   */
  readonly group: string;
  /**
   * The members it must have: SIDs (an Entra group or user as `S-1-12-1-...`, see `entraSid`), local names
   * (`kiosk`), domain names (`CONTOSO\Helpdesk`) or Entra users by UPN (`AzureAD\alex@contoso.com`). A name is
   * resolved to its SID on the device.
   * @maxItems 50
   */
  readonly members: readonly string[];
  /**
   * `include`: these members are added, the others kept; `exactly`: the group holds these and nothing else, except
   * the built-in Administrator (RID 500) and a domain's Domain Admins (RID 512), which are kept unless `remove`
   * names them.
   * @default "include"
   */
  readonly mode?: 'include' | 'exactly';
  /**
   * Members to take out in either mode (SIDs or names as in `members`), e.g. a former admin, or the built-in
   * Administrator in `exactly` mode.
   * @maxItems 50
   */
  readonly remove?: readonly string[];
}

/**
 * A setting (system context): who is in a local group, read through ADSI (never Get-LocalGroupMember, which fails
 * on orphaned and Entra SIDs: docs/reference/windows-admin.md 2.2), changed through seams.
 */
export interface LocalGroupMemberStep extends LocalGroupMemberProps {
  readonly kind: 'localGroupMember';
}

/**
 * Members of a local group.
 * @example
 * localGroupMember({ id: 'admins', group: 'S-1-5-32-544', members: [entraSid('5e7c1b52-...')], mode: 'exactly' })
 */
export function localGroupMember(props: LocalGroupMemberProps): LocalGroupMemberStep {
  return Object.freeze({ kind: 'localGroupMember', ...props });
}

const groupWords = (group: string): string => (SID.test(group) ? `${WELL_KNOWN_GROUPS[group.toUpperCase()] ?? 'the group'} (${group.toUpperCase()})` : group);

function checkMember(member: unknown, path: (string | number)[], issue: StepIssue): void {
  if (typeof member !== 'string' || member.trim() === '') {
    issue(path, `member ${JSON.stringify(member)} is empty: write a SID ('S-1-12-1-...'), a name ('CONTOSO\\Helpdesk') or 'AzureAD\\<UPN>'`);
  } else if (/^S-/i.test(member) && !SID.test(member)) {
    issue(path, `member ${JSON.stringify(member)} is not a SID: S-1-, then numbers separated by '-' (e.g. S-1-12-1-...)`);
  } else if (/^AzureAD\\/i.test(member) && !/^AzureAD\\[^\\@\s]+@[^\\@\s]+\.[^\\@\s]+$/i.test(member)) {
    issue(path, `member ${JSON.stringify(member)}: an Entra user is 'AzureAD\\' and the UPN (alex@contoso.com); for an Entra group use its SID (entraSid(objectId))`);
  } else if (/[*?]/.test(member)) {
    issue(path, `member ${JSON.stringify(member)} has a wildcard: name each member`);
  }
}

function check(step: LocalGroupMemberProps, issue: StepIssue): void {
  const group = step.group;
  if (typeof group !== 'string' || group.trim() === '' || /[\\/*?"]/.test(group)) {
    issue(['group'], `group ${JSON.stringify(group)} is not a local group: write its SID (S-1-5-32-544 Administrators, S-1-5-32-555 Remote Desktop Users) or its name, no domain or wildcard`);
  } else if (/^S-/i.test(group) && !SID.test(group)) {
    issue(['group'], `group ${JSON.stringify(group)} is not a SID: S-1-5-32-544 is Administrators`);
  } else if (!SID.test(group) && Object.values(WELL_KNOWN_GROUPS).some((name) => name.toLowerCase() === group.toLowerCase())) {
    const sid = Object.entries(WELL_KNOWN_GROUPS).find(([, name]) => name.toLowerCase() === group.toLowerCase())![0];
    issue(['group'], `group ${JSON.stringify(group)} has another name on a device in another language: write its SID '${sid}' instead`);
  }
  const seen = new Map<string, number>();
  (step.members ?? []).forEach((member, index) => {
    checkMember(member, ['members', index], issue);
    const key = String(member).toLowerCase();
    if (seen.has(key)) issue(['members', index], `member ${JSON.stringify(member)} is listed twice`);
    seen.set(key, index);
  });
  (step.remove ?? []).forEach((member, index) => {
    checkMember(member, ['remove', index], issue);
    if (seen.has(String(member).toLowerCase())) issue(['remove', index], `member ${JSON.stringify(member)} is both in members and in remove: keep it in one of them`);
  });
  if ((step.members ?? []).length === 0 && (step.remove ?? []).length === 0 && step.mode !== 'exactly') {
    issue(['members'], `the localGroupMember step ${JSON.stringify(step.id)} says nothing to do: give members, remove, or mode 'exactly'`);
  }
}

export const localGroupMemberRoom: StepRoom<LocalGroupMemberStep> = {
  kind: 'localGroupMember',
  category: 'setting',
  script: 'accounts/local-group-member.ps1',
  setScript: 'accounts/local-group-member-set.ps1',
  functions: { test: 'Test-RgLocalGroupMember', set: 'Set-RgLocalGroupMember' },
  runtime: ['accounts.ps1'],
  setRuntime: ['accounts-write.ps1'],
  // Local groups are changed by administrators only.
  contextOf: () => 'system',
  check,
  toData: (step) => ({
    Group: SID.test(step.group) ? step.group.toUpperCase() : step.group,
    Members: [...step.members],
    Mode: step.mode === 'exactly' ? 'Exactly' : 'Include',
    Remove: [...(step.remove ?? [])],
  }),
  title: (step) => `${groupWords(step.group)} ${step.mode === 'exactly' ? 'holds exactly' : 'includes'} ${step.members.length} member(s)`.replace(/^t/, 'T'),
  explain: (step) => {
    const members = step.members.map(memberWords).join(', ') || 'no one';
    const kept = step.mode === 'exactly' ? '; the built-in Administrator and Domain Admins are kept unless listed to remove' : '';
    const removed = (step.remove ?? []).length > 0 ? `, and not ${(step.remove ?? []).map(memberWords).join(', ')}` : '';
    return {
      detects: `the local group ${groupWords(step.group)} ${step.mode === 'exactly' ? 'holds exactly' : 'includes'} ${members}${removed}${kept} (members read by SID, so orphaned and Entra members do not stop the check)`,
      changes: `adds the missing members${step.mode === 'exactly' || (step.remove ?? []).length > 0 ? ' and removes the ones that must not be there' : ''}, then reads the group again`,
    };
  },
};
