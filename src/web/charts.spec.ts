import { barChart } from 'src/web/charts';

describe('barChart', () => {
  it('draws bars in proportion to the largest value, one row each', () => {
    const chart = barChart('报名人数', [
      { label: '路演', value: 120 },
      { label: '沙龙', value: 30 },
      { label: '闭门对接', value: 0 },
    ]);
    expect(chart.rows.map((r) => r.barWidth)).toEqual([360, 90, 0]);
    expect(chart.rows.map((r) => r.y)).toEqual([5, 33, 61]);
    expect(chart.height).toBe(84);
    expect(chart.rows[0].textX).toBe(200 + 360 + 6);
  });

  it('writes values with their unit and thousands separators', () => {
    const chart = barChart('Deal value', [{ label: '2027', value: 1250000 }], ' 元');
    expect(chart.rows[0].text).toBe('1,250,000 元');
  });

  it('draws no bars for zeros or nothing, without dividing by zero', () => {
    expect(barChart('t', [{ label: 'a', value: 0 }]).rows[0].barWidth).toBe(0);
    expect(barChart('t', []).rows).toEqual([]);
    expect(barChart('t', []).height).toBe(28);
  });
});
