import { MembershipRequestDto, MyMembershipsDto } from 'src/identity/dto/membership-request.dto';
import { membershipsPage } from 'src/web/portals/memberships.page';

const university = { id: 'o1', name: '西南理工大学', kind: 'university' as const };
const institute = { id: 'o2', name: '四川省新材料研究院', kind: 'institute' as const };
const company = { id: 'o3', name: '成都芯联传感科技有限公司', kind: 'enterprise' as const };
const at = new Date('2026-07-01T02:00:00Z');

const mine: MyMembershipsDto = {
  memberships: [{ organization: university, role: 'member', title: '教授' }],
  requests: [
    {
      id: 'r1',
      organization: institute,
      note: null,
      status: 'pending',
      reason: null,
      createdAt: at,
      decidedAt: null,
    },
    {
      id: 'r2',
      organization: company,
      note: null,
      status: 'rejected',
      reason: '非本单位人员',
      createdAt: at,
      decidedAt: at,
    },
  ],
};

const waiting: MembershipRequestDto[] = [
  {
    id: 'r7',
    organization: university,
    user: { id: 'u7', name: '李强', email: 'li@example.cn' },
    note: '材料学院',
    status: 'pending',
    reason: null,
    createdAt: at,
    decidedAt: null,
  },
  {
    id: 'r8',
    organization: university,
    user: { id: 'u8', name: '周婷', email: 'zhou@example.cn' },
    note: null,
    status: 'pending',
    reason: null,
    createdAt: at,
    decidedAt: null,
  },
];

describe('membershipsPage', () => {
  it('lists where the reader stands: member with the role, pending, rejected with the reason', () => {
    const page = membershipsPage(mine, [], '', undefined);
    expect(page.rows.map((r) => [r.organization.name, r.status, r.role ?? r.reason])).toEqual([
      ['西南理工大学', 'member', 'member'],
      ['四川省新材料研究院', 'pending', null],
      ['成都芯联传感科技有限公司', 'rejected', '非本单位人员'],
    ]);
    expect(page.found).toBeUndefined();
    expect(page.managed).toEqual([]);
  });

  it('offers a request only where the reader is neither a member nor waiting (again after a rejection)', () => {
    const other = { id: 'o4', name: '西南交通大学', kind: 'university' as const };
    const page = membershipsPage(mine, [], '大学', [university, institute, company, other]);
    expect(page.q).toBe('大学');
    expect(page.found?.map((o) => [o.name, o.status, o.requestable])).toEqual([
      ['西南理工大学', 'member', false],
      ['四川省新材料研究院', 'pending', false],
      ['成都芯联传感科技有限公司', 'rejected', true],
      ['西南交通大学', undefined, true],
    ]);
  });

  it('groups the requests waiting for the reader’s decision by organization', () => {
    const page = membershipsPage(mine, waiting, '', undefined);
    expect(page.managed).toHaveLength(1);
    expect(page.managed[0].organization.name).toBe('西南理工大学');
    expect(page.managed[0].requests.map((r) => r.user.name)).toEqual(['李强', '周婷']);
  });
});
