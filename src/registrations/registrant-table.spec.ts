import { toCsv } from 'src/common/csv';
import { registrantTable } from 'src/registrations/registrant-table';

describe('registrantTable', () => {
  it('writes one row per registrant in one language, numbers as numbers, local times as dates', () => {
    const rows = (locale: 'zh-CN' | 'en') =>
      registrantTable(
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
        locale,
      );
    const table = rows('zh-CN');
    expect(table[0]).toEqual([
      '序号',
      '姓名',
      '邮箱',
      '手机',
      '单位',
      '界别',
      '状态',
      '候补位次',
      '报名时间',
      '签到时间',
      '企业规模',
      '关注方向',
    ]);
    expect(table[1]).toEqual([
      1,
      '王芳',
      'wang@example.cn',
      '13800138000',
      '成都芯联传感科技有限公司',
      '产',
      '候补',
      3,
      // 10:30 in Chengdu: the cell holds the local time, as spreadsheets have no zones.
      new Date('2026-12-01T10:30:00Z'),
      null,
      '中',
      '传感器、电池',
    ]);
    const english = rows('en');
    expect(english[0].slice(0, 3)).toEqual(['No.', 'Name', 'E-mail']);
    expect(english[1].slice(5, 7)).toEqual(['industry', 'waitlisted']);
  });
});

describe('toCsv', () => {
  it('quotes what needs quoting, defuses formulas and starts with a BOM', () => {
    expect(toCsv([['a', 'b,c', 'say "hi"', 'two\nlines', '=SUM(A1)', '-1', '@x']])).toBe(
      '\uFEFFa,"b,c","say ""hi""","two\nlines",\'=SUM(A1),\'-1,\'@x\r\n',
    );
  });
});
