import { BackfillError } from 'src/backfill/backfill.errors';
import {
  backfillsPage,
  problemSheets,
  rowProblemsOf,
} from 'src/web/console/backfills/backfills.page';

describe('the back-fill page', () => {
  const problems = [
    {
      kind: 'deals' as const,
      sheet: '签约',
      row: 4,
      field: 'signedOn',
      message: '签约日期不能晚于今天（只补录过去的）',
    },
    {
      kind: 'events' as const,
      sheet: '活动',
      row: 3,
      field: 'endsAt',
      message: '结束时间应晚于开始时间',
    },
    { kind: 'events' as const, sheet: '活动', row: 2, field: 'kind', message: '活动类型应为 …' },
  ];

  it('lists the problems by sheet in the workbook’s order, rows in order, columns as their headers', () => {
    expect(problemSheets(problems)).toEqual([
      {
        sheet: '活动',
        rows: [
          { row: 2, column: '活动类型', message: '活动类型应为 …' },
          { row: 3, column: '结束时间', message: '结束时间应晚于开始时间' },
        ],
      },
      {
        sheet: '签约',
        rows: [{ row: 4, column: '签约日期', message: '签约日期不能晚于今天（只补录过去的）' }],
      },
    ]);
  });

  it('finds the rows only in a refusal of rows', () => {
    expect(rowProblemsOf(BackfillError.BACKFILL_ROWS_INVALID({ problems }))).toBe(problems);
    expect(rowProblemsOf(BackfillError.BACKFILL_IN_USE({ id: 'x', records: 1 }))).toBeUndefined();
    expect(rowProblemsOf(new Error('boom'))).toBeUndefined();
  });

  it('says what each back-fill entered, kinds with rows only', () => {
    const page = backfillsPage(
      '补录往年项目',
      { id: 'o', name: '中心' },
      [
        {
          id: 'b',
          organizationId: 'o',
          counts: {
            events: 6,
            results: 40,
            needs: 0,
            roadshows: 5,
            deals: 7,
            checkIns: 4,
            views: 3,
          },
          createdAt: new Date('2026-12-01T00:00:00Z'),
          undoneAt: null,
        },
      ],
      {},
    );
    expect(page.backfills[0].counts).toBe(
      '活动 6 · 成果 40 · 路演 5 · 签约 7 · 回访 4 · 外部观看 3',
    );
    expect(page.scripts).toEqual(['console-upload']);
  });
});
