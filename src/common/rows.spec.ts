import ExcelJS from 'exceljs';
import {
  encodingOf,
  readRows,
  readTable,
  rowErrors,
  TooManyRowsError,
  UnreadableTableError,
  XLSX,
} from 'src/common/rows';

const HEADERS = { 姓名: 'name', 单位: 'organization' };

/** 张三 and 李四 in GBK, as Excel on a Chinese Windows saves them. */
const GBK_TABLE = Buffer.from([
  ...[0xd0, 0xd5, 0xc3, 0xfb], // 姓名
  0x0a,
  ...[0xd5, 0xc5, 0xc8, 0xfd], // 张三
  0x0a,
  ...[0xc0, 0xee, 0xcb, 0xc4], // 李四
  0x0a,
]);

async function batchesOf(content: string | Buffer, maxRows: number, batchSize: number) {
  const batches: number[] = [];
  for await (const batch of readRows({ content }, HEADERS, { maxRows, batchSize }))
    batches.push(batch.length);
  return batches;
}

describe('readRows', () => {
  it('reads UTF-8 with or without a byte-order mark, naming fields by their headers and keeping line numbers', async () => {
    for (const bom of ['', '\uFEFF'])
      expect(await readTable(`${bom}姓名,单位\n张三,四川大学\n\n李四,\n`, HEADERS)).toEqual([
        { line: 2, data: { name: '张三', organization: '四川大学' }, content: '张三 | 四川大学' },
        { line: 4, data: { name: '李四' }, content: '李四' },
      ]);
  });

  it('reads GBK bytes as GB18030, or whatever charset the sender named', async () => {
    expect(encodingOf(GBK_TABLE)).toBe('gb18030');
    expect(encodingOf(Buffer.from('姓名\n'))).toBe('utf-8');
    expect(encodingOf(Buffer.from('name\n'), 'text/csv; charset=GBK')).toBe('gb18030');
    expect(await readTable(GBK_TABLE, HEADERS)).toEqual([
      { line: 2, data: { name: '张三' }, content: '张三' },
      { line: 3, data: { name: '李四' }, content: '李四' },
    ]);
  });

  it('keeps a character cut between two pieces of the file whole', async () => {
    const names = Array.from({ length: 30_000 }, (_, i) => `张${i}`);
    const rows = await readTable(Buffer.from(`姓名\n${names.join('\n')}\n`), HEADERS);
    expect(rows.map((r) => r.data.name)).toEqual(names);
  });

  it('gives rows in batches and stops past the row cap', async () => {
    const csv = `姓名\n${Array.from({ length: 1200 }, (_, i) => `人${i}`).join('\n')}\n`;
    expect(await batchesOf(csv, 1200, 500)).toEqual([500, 500, 200]);
    await expect(batchesOf(csv, 1199, 500)).rejects.toThrow(TooManyRowsError);
  });

  it('reads the first sheet of a workbook as it is unzipped, dates as days', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook
      .addWorksheet('名单')
      .addRows([
        ['姓名', '单位', '日期'],
        [
          '王五',
          { richText: [{ text: '四川' }, { text: '大学' }] },
          new Date('2027-03-31T00:00:00Z'),
        ],
        [],
        ['赵六'],
      ]);
    workbook.addWorksheet('另一张').addRows([['姓名'], ['不读']]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await readTable(content, HEADERS, XLSX)).toEqual([
      {
        line: 2,
        data: { name: '王五', organization: '四川大学', 日期: '2027-03-31' },
        content: '王五 | 四川大学 | 2027-03-31',
      },
      { line: 4, data: { name: '赵六' }, content: '赵六' },
    ]);
  });

  it('calls a file it cannot read unreadable', async () => {
    await expect(readTable('姓名\n"未闭合\n', HEADERS)).rejects.toThrow(UnreadableTableError);
    await expect(readTable(Buffer.from('not a workbook'), HEADERS, XLSX)).rejects.toThrow(
      UnreadableTableError,
    );
  });
});

describe('rowErrors', () => {
  it('names the column by its Chinese header, then English, and shows the line as written', () => {
    const problem = {
      field: 'title',
      rule: 'isNotEmpty',
      message: { 'zh-CN': '请填写成果名称', en: 'Please fill in the result title' },
    };
    expect(rowErrors(3, [problem], '缺少名称的成果 | 新材料', 'CreateResultDto')).toEqual([
      {
        row: 3,
        field: 'title',
        column: '成果名称 / result title',
        content: '缺少名称的成果 | 新材料',
        message: '成果名称：请填写成果名称 / Result title: Please fill in the result title',
      },
    ]);
  });

  it('names a column nobody named as it was written', () => {
    const problem = {
      field: 'badge',
      rule: 'whitelistValidation',
      message: { 'zh-CN': '无法识别的栏目', en: 'This is not a field of the form' },
    };
    expect(rowErrors(2, [problem])[0]).toMatchObject({
      column: 'badge',
      message: 'badge：无法识别的栏目 / badge: This is not a field of the form',
    });
  });
});
