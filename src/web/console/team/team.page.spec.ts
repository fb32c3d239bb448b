import { TeamMemberDto } from 'src/identity/dto/team.dto';
import { MEMBERSHIP_ROLES } from 'src/identity/roles';
import { Refusal, refusedOn } from 'src/web/forms';
import { addForm, ManagedTeam, rowForm, teamPage, typedAdd } from 'src/web/console/team/team.page';

const manager: TeamMemberDto = {
  userId: 'u1',
  name: '王敏',
  email: 'wang@example.cn',
  role: 'manager',
  title: '主任',
};
const staff: TeamMemberDto = { ...manager, userId: 'u2', name: '李强', role: 'staff', title: null };
const teams: ManagedTeam[] = [
  { id: 'o1', name: 'A区生产力促进中心', members: [manager, staff] },
  { id: 'o2', name: 'B区生产力促进中心', members: [] },
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
});
