import { chineseCount, chineseYuan } from 'src/common/chinese-numbers';

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
});
