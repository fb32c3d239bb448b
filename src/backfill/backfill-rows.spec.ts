import { checkBackfill, RawRows } from 'src/backfill/backfill-rows';

const NOW = new Date('2026-12-01T00:00:00Z');
const event = {
  key: 'E1',
  title: '2021 云对接',
  kind: 'cloud_docking',
  startsAt: '2021-03-10T14:00:00+08:00',
  endsAt: '2021-03-10T17:00:00+08:00',
};

describe('checkBackfill', () => {
  it('reads good rows into the plan, with their defaults', () => {
    const { plan, problems } = checkBackfill(
      {
        events: [event],
        deals: [
          {
            key: 'D1',
            event: 'E1',
            enterpriseName: '企业',
            institutionName: '四川大学',
            type: 'license',
            contractValueFen: '100',
            signedOn: '2021-03-10',
            landed: '是',
          },
        ],
        checkIns: [{ deal: 'D1', months: '12', receivedFen: 0, outputValueFen: 5 }],
      },
      NOW,
      { zone: 'Asia/Shanghai' },
    );
    expect(problems).toEqual([]);
    expect(plan.events[0]).toMatchObject({ format: 'offline', kind: 'cloud_docking' });
    expect(plan.deals[0]).toMatchObject({ contractValueFen: 100, landed: true, result: null });
    expect(plan.checkIns[0]).toMatchObject({ months: 12, landed: false });
  });

  it.each<[string, RawRows, { sheet: string; row: number; field: string; message: string }]>([
    [
      'a missing title',
      { events: [{ ...event, title: ' ' }] },
      { sheet: '活动', row: 1, field: 'title', message: '缺少活动名称' },
    ],
    [
      'an event in the future',
      { events: [{ ...event, endsAt: '2027-01-01T00:00:00Z' }] },
      { sheet: '活动', row: 1, field: 'endsAt', message: '结束时间不能晚于今天（只补录过去的）' },
    ],
    [
      'a key used twice',
      { events: [event, event] },
      { sheet: '活动', row: 2, field: 'key', message: '活动编号 E1 重复' },
    ],
    [
      'a result of an event not given',
      {
        results: [
          {
            key: 'R1',
            event: 'E9',
            title: '成果',
            institutionName: '四川大学',
            readinessLevel: 6,
            releasedAt: '2021-01-01T00:00:00Z',
          },
        ],
      },
      { sheet: '成果', row: 1, field: 'event', message: '活动编号 E9 未在前面的表中出现' },
    ],
    [
      'a readiness out of range',
      {
        events: [event],
        results: [
          {
            key: 'R1',
            event: 'E1',
            title: '成果',
            institutionName: '四川大学',
            readinessLevel: 10,
            releasedAt: '2021-01-01T00:00:00Z',
          },
        ],
      },
      { sheet: '成果', row: 1, field: 'readinessLevel', message: '成熟度应为 1 到 9 之间的整数' },
    ],
    [
      'a need without its date',
      { events: [event], needs: [{ event: 'E1', title: '需求', enterpriseName: '企业' }] },
      { sheet: '需求', row: 1, field: 'releasedAt', message: '征集时间不是有效的日期时间' },
    ],
    [
      'negative views',
      { events: [event], views: [{ event: 'E1', source: '抖音', views: -1 }] },
      {
        sheet: '外部观看',
        row: 1,
        field: 'views',
        message: '观看人次应为 0 到 2000000000 之间的整数',
      },
    ],
  ])('names %s by sheet, row and reason', (_, raw, problem) => {
    expect(checkBackfill(raw, NOW, { zone: 'Asia/Shanghai' }).problems).toEqual([
      expect.objectContaining(problem),
    ]);
  });
});
