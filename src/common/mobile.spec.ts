import { plainToInstance } from 'class-transformer';
import { isMobilePhone, validateSync } from 'class-validator';
import { CN_MOBILE, CnMobile, normalizeMobile } from 'src/common/mobile';

describe('mainland mobile numbers', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['8613800138000', '13800138000'],
  ])('writes %s as %s', (written, stored) => {
    expect(normalizeMobile(written)).toBe(stored);
    expect(CN_MOBILE.test(stored)).toBe(true);
  });

  it.each(['123456', '1234567', '028-8888888', '12', '1380013800', '138001380001', '23800138000'])(
    'refuses %s',
    (written) => {
      expect(isMobilePhone(normalizeMobile(written), 'zh-CN', { strictMode: false })).toBe(false);
    },
  );
});

describe('the one mobile check (CnMobile)', () => {
  class Person {
    @CnMobile()
    mobile!: string;
  }
  const problems = (mobile: string) =>
    validateSync(plainToInstance(Person, { mobile })).flatMap((e) => Object.keys(e.constraints!));

  it.each(['123456', '1234567', '12800138000', '1380013800', '92800138000', '+85213800138000'])(
    'refuses %s as isCnMobile',
    (mobile) => expect(problems(mobile)).toEqual(['isCnMobile']),
  );

  it.each(['13800138000', '+86 138 0013 8000', '199-1234-5678', '16612345678'])(
    'accepts %s and keeps its 11 digits',
    (mobile) => {
      expect(problems(mobile)).toEqual([]);
      expect(plainToInstance(Person, { mobile }).mobile).toMatch(CN_MOBILE);
    },
  );
});
