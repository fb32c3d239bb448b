import { readTable } from 'src/common/rows';
import { templateWorkbook } from 'src/imports/import-template';
import { INVITEE_HEADERS, INVITEE_TEMPLATE, parseInviteeTable } from 'src/invitations/invitee-csv';
import { checkInviteeSheetRows } from 'src/invitations/invitee-rows';

describe('parseInviteeTable', () => {
  it('reads Chinese headers, sector names and quoted cells, with their line numbers', async () => {
    const text =
      '\uFEFF姓名,邮箱,手机,单位,界别,角色\r\n' +
      '周婷,zhou@example.cn,13800138000,"天府科创投资基金, 成都",金,投资人\r\n' +
      '\r\n' +
      '王磊,wang@example.cn,,四川蜀能新材料有限公司,industry,\r\n';
    expect(await parseInviteeTable(text)).toEqual([
      {
        line: 2,
        data: {
          name: '周婷',
          email: 'zhou@example.cn',
          mobile: '13800138000',
          organizationName: '天府科创投资基金, 成都',
          sector: 'finance',
          role: '投资人',
        },
      },
      {
        line: 4,
        data: {
          name: '王磊',
          email: 'wang@example.cn',
          organizationName: '四川蜀能新材料有限公司',
          sector: 'industry',
        },
      },
    ]);
  });

  it('keeps unknown columns and unknown sectors for the row check to name', async () => {
    expect(await parseInviteeTable('name,email,sector,badge\nA,a@example.cn,军,VIP\n')).toEqual([
      { line: 2, data: { name: 'A', email: 'a@example.cn', sector: '军', badge: 'VIP' } },
    ]);
  });
});

describe('the invitee template', () => {
  it('is read back by the import: every header known, its example row an invitee', async () => {
    const workbook = await templateWorkbook(INVITEE_TEMPLATE);
    const rows = await readTable(workbook, INVITEE_HEADERS);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0].data)).toHaveLength(INVITEE_TEMPLATE.columns.length);
    const checked = await checkInviteeSheetRows(rows);
    expect(checked.errors).toEqual([]);
    expect(checked.valid[0].value).toMatchObject({ sector: 'industry', mobile: '13800138000' });
  });
});
