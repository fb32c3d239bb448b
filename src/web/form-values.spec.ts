import { checkedOf, fenOf, listOf } from 'src/web/form-values';

describe('form values', () => {
  it.each([
    ['1200000', 'yuan', 120_000_000],
    ['1,200,000.5', 'yuan', 120_000_050],
    ['0.01', 'yuan', 1],
    [' 35 ', 'yuan', 3_500],
    ['120', 'wan', 120_000_000],
    ['0.5', 'wan', 500_000],
    ['1，200', 'wan', 1_200_000_000],
  ] as const)('reads %j %s as fen', (typed, unit, fen) => {
    expect(fenOf(typed, unit)).toBe(fen);
  });

  it.each([
    ['2000亿', 'yuan'],
    ['-5', 'yuan'],
    ['1.234', 'yuan'],
    ['abc', 'wan'],
    ['1e3', 'wan'],
    ['0.0000001', 'wan'],
  ] as const)('hands %j (%s) on as typed, for the DTO to refuse', (typed, unit) => {
    expect(fenOf(typed, unit)).toBe(typed.trim());
  });

  it('reads an empty amount as not given', () => {
    expect(fenOf('  ', 'wan')).toBeUndefined();
  });

  it('splits a typed list the same way on every page', () => {
    // "电子信息；新材料" was two items in one form and one in another.
    expect(listOf('电子信息；新材料')).toEqual(['电子信息', '新材料']);
    expect(listOf('电子信息、新材料, 新能源\n医药健康;先进制造，集成电路')).toEqual([
      '电子信息',
      '新材料',
      '新能源',
      '医药健康',
      '先进制造',
      '集成电路',
    ]);
    expect(listOf(' ， ')).toBeUndefined();
    expect(listOf(undefined)).toBeUndefined();
  });

  it('reads checkboxes: none, one or several', () => {
    expect(checkedOf(undefined)).toEqual([]);
    expect(checkedOf('a')).toEqual(['a']);
    expect(checkedOf(['a', '', 'b'])).toEqual(['a', 'b']);
  });
});
