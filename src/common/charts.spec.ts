import {
  barChart,
  CHART_FONT,
  periodChart,
  textWidth,
  withoutInlineStyles,
  wrapLabel,
} from 'src/common/charts';

/** Every text size the SVG sets, in px. */
const sizes = (svg: string) =>
  [...svg.matchAll(/font-size="(\d+(?:\.\d+)?)px"/g)].map((m) => +m[1]);

describe('charts drawn by ECharts on the server', () => {
  it('draws bars with their labels and values, text never under 12 px, no inline style', () => {
    const chart = barChart('报名人数', [
      { label: '通过活动发布的科技成果（项）', value: 120 },
      { label: '沙龙', value: 30 },
      { label: '签约金额', value: 2_155_000_000, text: '2155万元' },
    ]);
    expect(chart.svg).toMatch(/^<svg aria-hidden="true" focusable="false" width="320"/);
    for (const text of ['沙龙', '120', '30', '2155万元'])
      expect(chart.svg).toContain(`>${text}</text>`);
    expect(Math.min(...sizes(chart.svg))).toBeGreaterThanOrEqual(CHART_FONT);
    expect(chart.svg).not.toMatch(/style=|<style/);
    expect(chart.rows).toEqual([
      { label: '通过活动发布的科技成果（项）', values: ['120'] },
      { label: '沙龙', values: ['30'] },
      { label: '签约金额', values: ['2155万元'] },
    ]);
  });

  it('draws a chart of zeros or of nothing without failing', () => {
    expect(barChart('t', [{ label: 'a', value: 0 }]).svg).toContain('>0</text>');
    expect(barChart('t', []).rows).toEqual([]);
  });

  it('stacks series over every period given, with a legend and the totals on top', () => {
    const chart = periodChart(
      '签到',
      ['Q1', 'Q2', 'Q3', 'Q4'],
      [
        { name: '产', values: [3, 0, 1, 0] },
        { name: '学', values: [2, 0, 4, 0] },
      ],
      { stacked: true },
    );
    for (const text of ['Q1', 'Q2', 'Q3', 'Q4', '产', '学', '5'])
      expect(chart.svg).toContain(`>${text}</text>`);
    expect(chart.columns).toEqual(['产', '学']);
    expect(chart.rows[1]).toEqual({ label: 'Q2', values: ['0', '0'] });
    expect(Math.min(...sizes(chart.svg))).toBeGreaterThanOrEqual(CHART_FONT);
  });

  it('turns inline styles into presentation attributes the pages’ policy allows', () => {
    expect(
      withoutInlineStyles(
        '<svg width="1"><style>.a:hover{}</style><text style="font-size:12px;font-family:sans-serif;">x</text></svg>',
      ),
    ).toBe(
      '<svg aria-hidden="true" focusable="false" width="1"><text font-size="12px" font-family="sans-serif">x</text></svg>',
    );
  });

  it('wraps a long label at spaces or between CJK characters, each line within its room', () => {
    const english = wrapLabel('Results released through the events', 120);
    expect(english.join(' ')).toBe('Results released through the events');
    expect(english.length).toBeGreaterThan(1);
    for (const line of english) expect(textWidth(line)).toBeLessThanOrEqual(120);
    const chinese = wrapLabel('通过活动发布的科技成果（项）', 120);
    expect(chinese.join('')).toBe('通过活动发布的科技成果（项）');
    for (const line of chinese) expect(textWidth(line)).toBeLessThanOrEqual(120);
    expect(wrapLabel('签约', 120)).toEqual(['签约']);
  });
});
