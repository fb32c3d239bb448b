import { provinceOf, scoreMatch } from 'src/matching/match-score';

const need = {
  words: ['气体', '传感器', '甲烷', '泄漏'],
  fields: ['电子信息'],
  keywords: ['气体传感器'],
  region: '四川省成都市',
};

describe('scoreMatch', () => {
  it('gives the reasons: the words found, shared fields and keywords, region', () => {
    const { score, reasons } = scoreMatch(need, {
      words: ['气体', '传感器', 'mems'],
      fields: ['电子信息', '先进制造'],
      keywords: ['气体传感器', 'MEMS'],
      region: '四川省绵阳市',
      readinessLevel: 9,
    });
    expect(reasons).toEqual({
      words: ['气体', '传感器'],
      fields: ['电子信息'],
      keywords: ['气体传感器'],
      readinessLevel: 9,
      sameRegion: true,
    });
    // 气体 (weight 1) + 传感器 (1.5) of 气体, 传感器, 甲烷 (1), 泄漏 (1): 2.5 / 4.5 of the text part.
    expect(score).toBeCloseTo(0.6 * (2.5 / 4.5) + 0.15 + 0.1 + 0.1 + 0.05, 3);
  });

  it('ranks more specific shared words higher, and nothing shared lowest', () => {
    const base = { fields: [], keywords: [], region: null, readinessLevel: 5 };
    const specific = scoreMatch(need, { ...base, words: ['传感器', '甲烷'] }).score;
    const vague = scoreMatch(need, { ...base, words: ['气体'] }).score;
    const none = scoreMatch(need, { ...base, words: ['轴承'] }).score;
    expect(specific).toBeGreaterThan(vague);
    expect(vague).toBeGreaterThan(none);
  });

  it('counts experts as midway in readiness', () => {
    const expert = { words: [], fields: [], keywords: [], region: null, readinessLevel: null };
    expect(scoreMatch(need, expert).score).toBeCloseTo(0.05, 3);
  });
});

describe('provinceOf', () => {
  it.each([
    ['四川省成都市', '四川'],
    ['成都市高新区', '四川'],
    ['重庆市渝北区', '重庆'],
    ['广西壮族自治区南宁市', '广西'],
    ['波士顿', '波士顿'],
    [null, null],
    ['', null],
  ])('%p → %p', (region, province) => {
    expect(provinceOf(region)).toBe(province);
  });
});
