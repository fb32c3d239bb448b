import {
  CHECK_IN_CODE_LENGTH,
  newCheckInCode,
  normalizeCheckInCode,
} from 'src/registrations/check-in-code';

describe('check-in codes', () => {
  it('are long, readable and different', () => {
    const codes = Array.from({ length: 1000 }, newCheckInCode);
    for (const code of codes)
      expect(code).toMatch(new RegExp(`^[A-HJKMNP-Z2-9]{${CHECK_IN_CODE_LENGTH}}$`));
    expect(new Set(codes).size).toBe(1000);
  });

  it.each([
    ['abcd-efgh-jk', 'ABCDEFGHJK'],
    [' ABCD EFGH JK ', 'ABCDEFGHJK'],
    ['ABCDEFGHJK', 'ABCDEFGHJK'],
  ])('reads %j as %s', (typed, code) => {
    expect(normalizeCheckInCode(typed)).toBe(code);
  });
});
