import { chineseCount, chineseYuan, moneyText, wanReadBack } from 'src/common/chinese-numbers';

describe('Chinese numbers', () => {
  it.each([
    [0, '0'],
    [33, '33'],
    [1093, '1093'],
    [9999, '9999'],
    [10_000, '1万'],
    [1_194_500, '119.45万'],
    [1_194_549, '119.45万'],
    [123_456_789, '1.23亿'],
  ])('count %p → %p', (n, text) => {
    expect(chineseCount(n)).toBe(text);
  });

  it.each([
    [0, '0元'],
    [12_345, '123.45元'],
    [50_000_000, '50万元'],
    [123_456_700, '123.46万元'],
    [11_800_000_000, '1.2亿元'],
    [100_000_000_00, '1亿元'],
  ])('fen %p → %p', (fen, text) => {
    expect(chineseYuan(fen)).toBe(text);
  });

  it.each([
    [0, '0万元', '¥0'],
    [12_345, '0.0123万元', '¥123.45'],
    [50_000_000, '50万元', '¥500,000'],
    [123_456_700, '123.4567万元', '¥1.2346 million'],
    [2_155_000_000, '2155万元', '¥21.55 million'],
    [21_550_000_000, '2.155亿元', '¥215.5 million'],
    [100_000_000_00, '1亿元', '¥100 million'],
  ])('money %p → %p and %p, never with ".00"', (fen, zh, en) => {
    expect(moneyText(fen, 'zh-CN')).toBe(zh);
    expect(moneyText(fen, 'en')).toBe(en);
  });

  it('reads an amount typed in 万元 back in words, and nothing for what is not a number', () => {
    expect(wanReadBack('21550', 'zh-CN')).toBe('= 2.155亿元');
    expect(wanReadBack('1,200', 'en')).toBe('= ¥12 million');
    expect(wanReadBack(' 55 ', 'zh-CN')).toBe('= 55万元');
    expect(wanReadBack('', 'zh-CN')).toBe('');
    expect(wanReadBack('2000亿', 'zh-CN')).toBe('');
    expect(wanReadBack(undefined, 'en')).toBe('');
  });
});
