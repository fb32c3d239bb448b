import { isMobilePhone } from 'class-validator';
import { CN_MOBILE, normalizeMobile } from 'src/common/mobile';

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
