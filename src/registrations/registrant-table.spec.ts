import { toCsv } from 'src/common/csv';
import { registrantTable } from 'src/registrations/registrant-table';

describe('registrantTable', () => {
  it('writes one row per registrant with labels, local times and answers', () => {
    const table = registrantTable(
      [
        {
          name: '王芳',
          email: 'wang@example.cn',
          mobile: '13800138000',
          organizationName: '成都芯联传感科技有限公司',
          sector: 'industry',
          status: 'waitlisted',
          waitlistPosition: 3,
          answers: { size: '中', topics: ['传感器', '电池'] },
          createdAt: new Date('2026-12-01T02:30:00Z'),
          checkedInAt: null,
        },
      ],
      [
        {
          id: 'size',
          label: '企业规模',
          kind: 'single_choice',
          options: ['小', '中', '大'],
          required: true,
        },
        {
          id: 'topics',
          label: '关注方向',
          kind: 'multiple_choice',
          options: ['传感器', '电池'],
          required: false,
        },
      ],
      'Asia/Shanghai',
    );
    expect(table[0].slice(-2)).toEqual(['企业规模', '关注方向']);
    expect(table[1]).toEqual([
      '1',
      '王芳',
      'wang@example.cn',
      '13800138000',
      '成都芯联传感科技有限公司',
      '产 industry',
      '候补 waitlisted',
      '3',
      '2026年12月1日周二 10:30',
      '',
      '中',
      '传感器、电池',
    ]);
  });
});

describe('toCsv', () => {
  it('quotes what needs quoting, defuses formulas and starts with a BOM', () => {
    expect(toCsv([['a', 'b,c', 'say "hi"', 'two\nlines', '=SUM(A1)', '-1', '@x']])).toBe(
      '\uFEFFa,"b,c","say ""hi""","two\nlines",\'=SUM(A1),\'-1,\'@x\r\n',
    );
  });
});
