import { pickLocale } from 'src/common/i18n';

describe('pickLocale', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-TW,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['fr-FR, en;q=0.5', 'en'],
    ['fr-FR', 'zh-CN'],
    ['en;q=0.2, zh;q=0.8', 'zh-CN'],
    ['en;q=0', 'zh-CN'],
    ['*', 'zh-CN'],
    [';;;,,,q=', 'zh-CN'],
  ])('%j → %s', (header, locale) => {
    expect(pickLocale(header, 'zh-CN')).toBe(locale);
  });
});
