import { CHART_FONT, CHART_WIDTH, textWidth } from 'src/common/charts';
import { bandsUpTo, provinceMap } from 'src/common/province-map';

/** Every label the SVG draws in the middle of a point: its text and where. */
const labels = (svg: string) =>
  [
    ...svg.matchAll(
      /text-anchor="middle"[^>]*transform="translate\(([\d.]+) ([\d.]+)\)"[^>]*>([^<]+)</g,
    ),
  ].map((m) => ({ x: +m[1], y: +m[2], text: m[3] }));
/** The fill of each province's outline, by the order drawn. */
const areas = (svg: string) =>
  [...svg.matchAll(/<path d="[^"]+"[^>]*fill="([^"]+)"[^>]*stroke="#8a94a3"/g)].map((m) => m[1]);

const FIGURES = [
  { province: '四川', value: 7 },
  { province: '北京', value: 2 },
  { province: '天津', value: 1 },
  { province: '黑龙江', value: 1 },
  { province: '新疆', value: 1 },
  { province: '台湾', value: 1 },
  { province: '内蒙古', value: 3 },
  { province: '广东', value: 0 },
];
const how = { locale: 'zh-CN', column: '合作院所（家）', note: '示意图' };

describe('the province map', () => {
  it('labels the provinces with a figure, 12 px and more, every label inside the chart', () => {
    for (const locale of ['zh-CN', 'en']) {
      const map = provinceMap('合作院所', FIGURES, { ...how, locale });
      expect(map.svg).toMatch(/^<svg aria-hidden="true" focusable="false" width="320"/);
      expect(map.svg).not.toMatch(/style=|<style/);
      const sizes = [...map.svg.matchAll(/font-size="(\d+(?:\.\d+)?)px"/g)].map((m) => +m[1]);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(CHART_FONT);
      const drawn = labels(map.svg);
      const expected =
        locale === 'en'
          ? ['Sichuan 7', 'Inner Mongolia 3', 'Beijing 2', 'Tianjin 1', 'Heilongjiang 1']
          : ['四川 7', '内蒙古 3', '北京 2', '天津 1', '黑龙江 1', '新疆 1', '台湾 1'];
      expect(drawn.map((l) => l.text)).toEqual(expect.arrayContaining(expected));
      // No label for a province without partners.
      expect(drawn.map((l) => l.text)).not.toContain(locale === 'en' ? 'Guangdong 0' : '广东 0');
      for (const label of drawn) {
        const half = textWidth(label.text) / 2;
        expect(label.x - half).toBeGreaterThanOrEqual(0);
        expect(label.x + half).toBeLessThanOrEqual(CHART_WIDTH);
      }
    }
  });

  it('keeps the whole territory: every province, 台湾 and the 南海诸岛 inset', () => {
    const map = provinceMap('合作院所', [], how);
    // 34 provinces and the 南海诸岛 inset, none shaded.
    expect(areas(map.svg)).toHaveLength(35);
    expect(new Set(areas(map.svg))).toEqual(new Set(['#eef0f3']));
  });

  it('shades the most partners darkest, the fewest palest, and lists the same figures', () => {
    const map = provinceMap('合作院所', FIGURES, {
      ...how,
      extra: [{ label: '地区未填或无法识别', values: ['2'] }],
    });
    const fills = areas(map.svg);
    expect(fills).toContain('rgb(11,92,173)');
    expect(fills.filter((f) => f === 'rgb(212,228,247)')).toHaveLength(5);
    for (const band of ['1–2', '3–4', '5–6', '≥ 7']) expect(map.svg).toContain(`>${band}</text>`);
    expect(map.columns).toEqual(['合作院所（家）']);
    expect(map.note).toBe('示意图');
    expect(map.rows).toEqual([
      { label: '四川', values: ['7'] },
      { label: '内蒙古', values: ['3'] },
      { label: '北京', values: ['2'] },
      { label: '天津', values: ['1'] },
      { label: '黑龙江', values: ['1'] },
      { label: '新疆', values: ['1'] },
      { label: '台湾', values: ['1'] },
      { label: '地区未填或无法识别', values: ['2'] },
    ]);
  });

  it('bands the legend by count: one per count up to four, else four bands, the last open', () => {
    expect(bandsUpTo(0)).toEqual([]);
    expect(bandsUpTo(2).map((b) => b.label)).toEqual(['1', '2']);
    expect(bandsUpTo(4).map((b) => b.label)).toEqual(['1', '2', '3', '4']);
    expect(bandsUpTo(5).map((b) => b.label)).toEqual(['1–2', '3–4', '5–6', '≥ 7']);
    expect(bandsUpTo(40)).toEqual([
      { min: 1, max: 10, label: '1–10' },
      { min: 11, max: 20, label: '11–20' },
      { min: 21, max: 30, label: '21–30' },
      { min: 31, label: '≥ 31' },
    ]);
  });
});
