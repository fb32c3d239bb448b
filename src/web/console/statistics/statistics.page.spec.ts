import { EventDto } from 'src/events/dto/event.dto';
import { EventStatisticsDto, RollupDto } from 'src/stats/dto/stats.dto';
import { emptyFigures } from 'src/stats/figures';
import {
  eventStatisticsPage,
  exportQuery,
  periodOf,
  rollupPage,
} from 'src/web/console/statistics/statistics.page';

const text = (key: string, values: Record<string, string | number> = {}) =>
  Object.keys(values).length ? `${key}(${JSON.stringify(values)})` : key;
const reading = { locale: 'zh-CN' as const, text };

describe('the statistics pages', () => {
  it('reads a year, or days, as the period they name in the time zone', () => {
    expect(periodOf({ year: '2026', by: 'series' }, 'Asia/Shanghai')).toEqual({
      by: 'series',
      from: '2025-12-31T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
    });
    expect(periodOf({ from: '2026-03-01', to: 'soon' }, 'Asia/Shanghai')).toEqual({
      from: '2026-02-28T16:00:00.000Z',
      to: 'soon',
    });
  });

  it('gives the exports the filters of the page, and none when the page refused them', () => {
    expect(exportQuery({ from: '2026-01-01T00:00:00.000Z', seriesId: '', by: 'series' })).toBe(
      'from=2026-01-01T00%3A00%3A00.000Z&by=series',
    );
    expect(exportQuery(undefined)).toBe('');
  });

  it('charts the roll-up, with its groups by series named', () => {
    const totals = emptyFigures();
    totals.dealsSince = { count: 3, valueFen: 120_000_000 };
    const rollup = {
      events: 2,
      totals,
      summary: '',
      catalog: { results: 0, needs: 0 },
      groups: [{ key: 's1', events: 2, figures: totals, deals: null }],
    } as RollupDto;
    const page = rollupPage(
      {
        query: { by: 'series' },
        period: { by: 'series' },
        problems: [],
        rollup,
        series: [{ id: 's1', name: '校企双进' } as never],
        thisYear: 2026,
      },
      reading,
    );
    expect(page.years).toEqual(['2027', '2026', '2025', '2024', '2023']);
    expect(page.value).toBe('120万元');
    expect(page.exports.csv).toBe('/api/statistics/events.csv?by=series');
    const groups = page.charts!.at(-1)!;
    expect(groups.title).toBe('outcomes.statistics.groupChart({"by":"outcomes.by.series"})');
    expect(groups.rows.map((r) => [r.label, r.value])).toEqual([['校企双进', 3]]);
  });

  it('shows nothing to chart when the period was refused', () => {
    const page = rollupPage(
      { query: { from: 'x' }, problems: [{ message: 'from: …' }], series: [], thisYear: 2026 },
      reading,
    );
    expect(page.charts).toBeUndefined();
    expect(page.exports.xlsx).toBe('/api/statistics/events.xlsx?');
  });

  it('charts an event’s compiled figures with its meetings’ outcomes, or says they are not compiled', () => {
    const event = { id: 'e1', title: '电子信息专场' } as EventDto;
    const figures = emptyFigures();
    figures.outcomes = { intent: 2 };
    const compiled: EventStatisticsDto = { eventId: 'e1', compiledAt: new Date(), figures };
    const page = eventStatisticsPage(event, compiled, reading, { done: 'views' });
    expect(page.title).toBe('outcomes.eventStatistics.title({"event":"电子信息专场"})');
    expect(page.consoleEvent).toEqual({ id: 'e1', title: '电子信息专场' });
    expect(page.done).toBe('views');
    expect(page.charts!.at(-1)!.title).toBe('outcomes.figures.outcomes');
    expect(eventStatisticsPage(event, undefined, reading).charts).toBeUndefined();
  });
});
