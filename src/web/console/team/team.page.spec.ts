import { TeamMemberDto } from 'src/identity/dto/team.dto';
import { MEMBERSHIP_ROLES } from 'src/identity/roles';
import { Refusal, refusedOn } from 'src/web/forms';
import { TeamInvitationDto } from 'src/identity/dto/team-invitation.dto';
import {
  addForm,
  invitationForm,
  inviteForm,
  ManagedTeam,
  rowForm,
  teamPage,
  typedAdd,
  typedInvite,
} from 'src/web/console/team/team.page';

const manager: TeamMemberDto = {
  userId: 'u1',
  name: '王敏',
  email: 'wang@example.cn',
  role: 'manager',
  title: '主任',
};
const staff: TeamMemberDto = { ...manager, userId: 'u2', name: '李强', role: 'staff', title: null };
const invitation: TeamInvitationDto = {
  id: 'i1',
  organizationId: 'o1',
  email: 'new@example.cn',
  role: 'staff',
  invitedBy: { id: 'u1', name: '王敏' },
  expiresAt: new Date('2026-07-08T00:00:00Z'),
  createdAt: new Date('2026-07-01T00:00:00Z'),
};
const teams: ManagedTeam[] = [
  { id: 'o1', name: 'A区生产力促进中心', members: [manager, staff], invitations: [invitation] },
  { id: 'o2', name: 'B区生产力促进中心', members: [], invitations: [] },
];

const refusal = (status: number, fields: Record<string, string> = {}): Refusal => ({
  problem: '机构至少要保留一名负责人',
  fields,
  details: [],
  code: 'TEAM_LAST_MANAGER',
  status,
});

describe('teamPage', () => {
  it('shows each managed organization with its people, the five roles and a new staff member to add', () => {
    const page = teamPage('团队', teams, 'added');
    expect(page).toMatchObject({ title: '团队', section: 'team', done: 'added' });
    expect(page.roles).toEqual(MEMBERSHIP_ROLES);
    expect(page.organizations.map((o) => o.name)).toEqual([
      'A区生产力促进中心',
      'B区生产力促进中心',
    ]);
    expect(page.organizations[0].members.map((m) => [m.name, m.role])).toEqual([
      ['王敏', 'manager'],
      ['李强', 'staff'],
    ]);
    expect(page.organizations[0].typed).toEqual({ email: '', role: 'staff', title: '' });
    expect(page.organizations[0].members[0].refused).toBeUndefined();
    expect(page.organizations[0].add).toBeUndefined();
  });

  it('shows a refused row beside that person only', () => {
    const page = teamPage(
      '团队',
      teams,
      undefined,
      refusedOn(rowForm('o1', 'u1'), {}, refusal(409)),
    );
    const [first, second] = page.organizations[0].members;
    expect(first.refused).toMatchObject({ code: 'TEAM_LAST_MANAGER', status: 409 });
    expect(second.refused).toBeUndefined();
    expect(page.organizations[0].add).toBeUndefined();
  });

  it('shows a refused add form with what was typed, in its own organization only', () => {
    const typed = typedAdd({ email: 'nobody@example.cn', role: 'reviewer', title: '专家', x: 1 });
    const refused = refusal(404, { email: '用户不存在' });
    const page = teamPage('团队', teams, undefined, refusedOn(addForm('o2'), typed, refused));
    expect(page.organizations[1].add?.fields).toEqual({ email: '用户不存在' });
    expect(page.organizations[1].typed).toEqual({
      email: 'nobody@example.cn',
      role: 'reviewer',
      title: '专家',
    });
    expect(page.organizations[0].add).toBeUndefined();
    expect(page.organizations[0].typed.email).toBe('');
  });

  it('shows above the page a refused form that has no place on it', () => {
    const elsewhere = refusedOn(addForm('o9'), {}, refusal(403));
    expect(teamPage('团队', teams, undefined, elsewhere).refusal?.status).toBe(403);
    const placed = refusedOn(addForm('o1'), {}, refusal(404));
    expect(teamPage('团队', teams, undefined, placed).refusal).toBeUndefined();
  });

  it('keeps of a typed add form only its text fields, a role of staff when none was chosen', () => {
    expect(typedAdd(undefined)).toEqual({ email: '', role: 'staff', title: '' });
    expect(typedAdd({ email: ['a', 'b'], title: 'x' })).toEqual({
      email: '',
      role: 'staff',
      title: 'x',
    });
  });

  it('shows the open invitations and a new staff member to invite, a refused invite with what was typed', () => {
    const page = teamPage('团队', teams);
    expect(page.organizations[0].invitations.map((i) => [i.email, i.role])).toEqual([
      ['new@example.cn', 'staff'],
    ]);
    expect(page.organizations[0].typedInvite).toEqual({ email: '', role: 'staff' });
    const typed = typedInvite({ email: 'x@example.cn', role: 'viewer', title: 'ignored' });
    const refused = refusal(409, { email: '已向该邮箱发出邀请' });
    const shown = teamPage('团队', teams, 'invited', refusedOn(inviteForm('o2'), typed, refused));
    expect(shown.done).toBe('invited');
    expect(shown.organizations[1].invite?.fields).toEqual({ email: '已向该邮箱发出邀请' });
    expect(shown.organizations[1].typedInvite).toEqual({ email: 'x@example.cn', role: 'viewer' });
    expect(shown.organizations[0].invite).toBeUndefined();
    expect(shown.refusal).toBeUndefined();
  });

  it('shows a refused revoke beside that invitation, another organization’s above the page', () => {
    const page = teamPage(
      '团队',
      teams,
      undefined,
      refusedOn(invitationForm('o1', 'i1'), {}, refusal(410)),
    );
    expect(page.organizations[0].invitations[0].refused?.status).toBe(410);
    expect(page.refusal).toBeUndefined();
    const elsewhere = refusedOn(invitationForm('o9', 'i9'), {}, refusal(404));
    expect(teamPage('团队', teams, undefined, elsewhere).refusal?.status).toBe(404);
  });
});
