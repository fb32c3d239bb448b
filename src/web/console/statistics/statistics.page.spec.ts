import { EventDto } from 'src/events/dto/event.dto';
import { EventStatisticsDto, RollupDto } from 'src/stats/dto/stats.dto';
import { emptyFigures } from 'src/stats/figures';
import {
  eventStatisticsPage,
  exportQuery,
  partnerMap,
  periodOf,
  rollupPage,
} from 'src/web/console/statistics/statistics.page';

const text = (key: string, values: Record<string, string | number> = {}) =>
  Object.keys(values).length ? `${key}(${JSON.stringify(values)})` : key;
const reading = { locale: 'zh-CN' as const, text };
const NO_PARTNERS = { institutions: 0, provinces: [], unplaced: 0 };

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
    // The last day is in: the period runs to the start of the day after it.
    expect(periodOf({ from: '2026-03-01', to: '2026-03-31' }, 'Asia/Shanghai')).toEqual({
      from: '2026-02-28T16:00:00.000Z',
      to: '2026-03-31T16:00:00.000Z',
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
      platform: { results: 0, needs: 0 },
      kinds: [],
      groups: [{ key: 's1', events: 2, figures: totals, deals: null }],
      partners: NO_PARTNERS,
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
    expect(page.exports.csv).toBe('/api/statistics/events.csv?by=series&lang=zh-CN');
    expect(page.exports.docx).toBe('/api/statistics/report.docx?by=series');
    expect(page.exports.pdf).toBe('/api/statistics/report.pdf?by=series');
    const groups = page.charts!.at(-1)!;
    expect(groups.title).toBe('outcomes.statistics.groupChart({"by":"outcomes.by.series"})');
    expect(groups.rows).toEqual([{ label: '校企双进', values: ['3'] }]);
    // The first chart counts what the sentence says first: results released, needs collected.
    expect(page.charts![0].rows.slice(0, 2).map((r) => r.label)).toEqual([
      'outcomes.report.released',
      'outcomes.report.collected',
    ]);
    expect(page.charts![1].rows[0].values).toEqual(['120万元']);
  });

  it('charts deals by quarter with every quarter of the year, the empty ones too', () => {
    const totals = emptyFigures();
    const q3 = { ...emptyFigures(), dealsSince: { count: 2, valueFen: 0 } };
    const rollup = {
      events: 1,
      totals,
      summary: '',
      catalog: { results: 0, needs: 0 },
      platform: { results: 0, needs: 0 },
      kinds: [],
      groups: [{ key: '2026Q3', events: 1, figures: q3, deals: null }],
      partners: NO_PARTNERS,
    } as RollupDto;
    const page = rollupPage(
      { query: { by: 'quarter', year: '2026' }, problems: [], rollup, series: [], thisYear: 2026 },
      reading,
    );
    const byQuarter = page.charts!.at(-1)!;
    expect(byQuarter.rows).toEqual([
      { label: '2026Q1', values: ['0'] },
      { label: '2026Q2', values: ['0'] },
      { label: '2026Q3', values: ['2'] },
      { label: '2026Q4', values: ['0'] },
    ]);
    expect(byQuarter.svg).toContain('>2026Q4</text>');
  });

  it('tables the report’s figures apart: the programmes’ catalogue, the platform’s, kinds and money', () => {
    const totals = emptyFigures();
    totals.needs = 169;
    totals.participants = { institutions: 12, enterprises: 265, experts: 40 };
    totals.confirmed = { total: 1500, academia: 1000, research: 200, industry: 300 };
    totals.checkIns = { deals: 2, receivedFen: 300_000_000, outputValueFen: 5_000_000_000 };
    totals.investment = {
      declared: 1,
      agreedFen: 4_000_000_000_000,
      technologyFen: 70_000_000_000,
    };
    totals.registeredContracts = { count: 4, valueFen: 30_000_000, byCategory: {} };
    const kind = { ...emptyFigures(), dealsSince: { count: 11, valueFen: 4_500_000_000 } };
    kind.released = { results: 749, needs: 0 };
    const rollup = {
      events: 30,
      totals,
      summary: '',
      catalog: { results: 749, needs: 0 },
      platform: { results: 1093, needs: 167 },
      kinds: [{ key: 'cloud_docking', events: 9, figures: kind, deals: null }],
      groups: [],
      partners: NO_PARTNERS,
    } as RollupDto;
    const report = rollupPage(
      { query: {}, problems: [], rollup, series: [], thisYear: 2026 },
      reading,
    ).report!;
    const row = (key: string) =>
      report.rows.find((r) => r.label === `outcomes.report.${key}`)?.value;
    expect([row('released'), row('collected'), row('platformResults'), row('dockedNeeds')]).toEqual(
      ['749', '0', '1093', '169'],
    );
    expect([row('institutions'), row('enterprises'), row('expertAttendances')]).toEqual([
      '12',
      '265',
      '1200',
    ]);
    expect([row('received'), row('outputValue'), row('investment'), row('technology')]).toEqual([
      '300万元',
      '5000万元',
      '400亿元',
      '7亿元',
    ]);
    expect([row('registered'), row('registeredValue')]).toEqual(['4', '30万元']);
    expect(report.kinds).toEqual([
      {
        kind: 'kind.cloud_docking',
        events: 9,
        results: 749,
        people: 0,
        deals: 11,
        value: '4500万元',
      },
    ]);
  });

  it('maps the partner institutions by province, with those without one and the total in its table', () => {
    const partners = {
      institutions: 4,
      provinces: [
        { province: '四川', institutions: 2 },
        { province: '北京', institutions: 1 },
      ],
      unplaced: 1,
    };
    const map = partnerMap(partners, { locale: 'en', text });
    expect(map.title).toBe('outcomes.partners.title');
    expect(map.note).toBe('outcomes.partners.note({"total":4})');
    expect(map.rows).toEqual([
      { label: 'Sichuan', values: ['2'] },
      { label: 'Beijing', values: ['1'] },
      { label: 'outcomes.partners.unplaced', values: ['1'] },
      { label: 'outcomes.partners.total', values: ['4'] },
    ]);
    expect(map.svg).toContain('>Sichuan 2</text>');
    // On the roll-up's page, before the chart of its groups.
    const page = rollupPage(
      {
        query: {},
        problems: [],
        rollup: {
          ...({} as RollupDto),
          totals: emptyFigures(),
          catalog: { results: 0, needs: 0 },
          platform: { results: 0, needs: 0 },
          groups: [],
          kinds: [],
          partners,
        },
        series: [],
        thisYear: 2026,
      },
      reading,
    );
    expect(page.charts!.at(-1)!.rows).toEqual(partnerMap(partners, reading).rows);
  });

  it('shows nothing to chart when the period was refused', () => {
    const page = rollupPage(
      { query: { from: 'x' }, problems: [{ message: 'from: …' }], series: [], thisYear: 2026 },
      reading,
    );
    expect(page.charts).toBeUndefined();
    expect(page.exports.xlsx).toBe('/api/statistics/events.xlsx?lang=zh-CN');
  });

  it('charts an event’s compiled figures with its meetings’ outcomes, or says they are not compiled', () => {
    const event = { id: 'e1', title: '电子信息专场' } as EventDto;
    const figures = emptyFigures();
    figures.outcomes = { intent: 2 };
    const compiled: EventStatisticsDto = { eventId: 'e1', compiledAt: new Date(), figures };
    const page = eventStatisticsPage(event, compiled, reading, { done: 'views' });
    expect(page.title).toBe('outcomes.eventStatistics.title({"event":"电子信息专场"})');
    expect(page.consoleEvent).toMatchObject({ id: 'e1', title: '电子信息专场' });
    expect(page.done).toBe('views');
    expect(page.charts!.at(-1)!.title).toBe('outcomes.figures.outcomes');
    expect(eventStatisticsPage(event, undefined, reading).charts).toBeUndefined();
    expect(eventStatisticsPage(event, undefined, reading).report).toBeUndefined();
    figures.released = { results: 2, needs: 1 };
    figures.checkIns = { deals: 1, receivedFen: 350_000_000, outputValueFen: 0 };
    const report = eventStatisticsPage(event, compiled, reading).report!;
    expect(report.slice(0, 2)).toEqual([
      { label: 'outcomes.report.released', value: '2' },
      { label: 'outcomes.report.collected', value: '1' },
    ]);
    expect(report.find((r) => r.label === 'outcomes.report.received')?.value).toBe('350万元');
  });
});
