import { strFromU8, unzipSync } from 'fflate';
import { RollupDto } from 'src/stats/dto/stats.dto';
import { emptyFigures } from 'src/stats/figures';
import {
  periodText,
  ReportHeading,
  reportDocumentDocx,
  reportHtml,
  reportLines,
} from 'src/stats/report-document';

describe('report document', () => {
  const totals = emptyFigures();
  totals.dealsSince = { count: 3, valueFen: 1_350_000_000 };
  const rollup: RollupDto = {
    events: 2,
    totals,
    catalog: { results: 1, needs: 0 },
    platform: { results: 9, needs: 4 },
    kinds: [
      {
        key: 'salon',
        events: 2,
        figures: { ...totals, confirmed: { ...totals.confirmed, total: 5 } },
        deals: null,
      },
    ],
    summary: '累计举办活动2场，促成签约3项，签约金额超1350万元',
    partners: { institutions: 1, provinces: [{ province: '四川', institutions: 1 }], unplaced: 0 },
    groups: [
      { key: '四川大学', events: 1, figures: null, deals: { count: 1, valueFen: 50_000_000 } },
    ],
  };
  const heading: ReportHeading = {
    organization: '成都市生产力促进中心',
    from: new Date('2026-06-30T16:00:00Z'),
    to: new Date('2026-09-30T16:00:00Z'),
    generatedAt: new Date('2026-10-01T01:00:00Z'),
    timeZone: 'Asia/Shanghai',
  };

  it('names the period by its first and last day in the report’s zone, or all of it', () => {
    expect(periodText(heading)).toBe('2026-07-01 至 2026-09-30');
    expect(periodText({ ...heading, from: undefined, to: undefined })).toBe('全部');
  });

  it('lists the figures, each saying what it counts, amounts in 万元 as every page shows them', () => {
    expect(reportLines(rollup)).toContainEqual(['促成签约（项）', '3']);
    expect(reportLines(rollup)).toContainEqual(['签约金额', '1350万元']);
    expect(reportLines(rollup)[0]).toEqual(['举办活动（场）', '2']);
  });

  it('writes a .docx and a page for print with the same heading, sentence and tables', async () => {
    const docx = await reportDocumentDocx(rollup, heading);
    const xml = strFromU8(unzipSync(docx)['word/document.xml']);
    const html = reportHtml(rollup, heading);
    for (const text of [
      '统计机构：成都市生产力促进中心',
      '统计期间：2026-07-01 至 2026-09-30',
      '生成日期：2026-10-01',
      rollup.summary,
      '对接沙龙',
      '四川大学',
      '1350万元',
    ]) {
      expect(xml).toContain(text);
      expect(html).toContain(text);
    }
    // The printed page draws the totals' charts (ECharts' SVG): three deals, the salons' value.
    expect(html).toMatch(/<figcaption>活动成效<\/figcaption>\s*<svg /);
    expect(html).toMatch(/>促成签约（项）<\/text>/);
    expect(html).toMatch(/>3<\/text>/);
    expect(html).toMatch(/>1350万元<\/text>/);
  });

  it('draws the printed page’s charts in the .docx as Word tables, bars in proportion', async () => {
    const withBars: RollupDto = {
      ...rollup,
      totals: {
        ...totals,
        registered: { ...totals.registered, total: 40 },
        checkedIn: { ...totals.checkedIn, total: 10 },
      },
    };
    const xml = strFromU8(
      unzipSync(await reportDocumentDocx(withBars, heading))['word/document.xml'],
    );
    const texts = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => t[1])
      .filter((t) => t !== '');
    // Each chart's title, then its rows: label and value as text.
    expect(texts).toEqual(expect.arrayContaining(['图表', '活动成效', '各类活动签约金额']));
    const chart = texts.slice(texts.indexOf('活动成效'), texts.indexOf('各类活动签约金额'));
    expect(chart).toEqual([
      '活动成效',
      '发布科技成果（项）',
      '1',
      '征集技术需求（项）',
      '0',
      '报名（人）',
      '40',
      '签到（人）',
      '10',
      '路演发布成果（项）',
      '0',
      '对接技术需求（项次）',
      '0',
      '洽谈（场）',
      '0',
      '合作意向（项）',
      '0',
      '促成签约（项）',
      '3',
    ]);
    // The bars: filled cells as wide as their share of the largest (registered 40 → the whole
    // 4800 twips, one result released → 120, checked in 10 → 1200, deals 3 → 360; the salons'
    // value alone in its chart).
    const filled = [
      ...xml.matchAll(/<w:tcW w:type="dxa" w:w="(\d+)"\/><w:shd [^>]*w:fill="2A6F97"/g),
    ];
    expect(filled.map((m) => Number(m[1]))).toEqual([120, 4800, 1200, 360, 4800]);
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
  });
});
