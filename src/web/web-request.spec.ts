import { safeNext } from 'src/web/web-request';

describe('safeNext', () => {
  it.each([
    ['/console', '/console'],
    ['/activities?kind=roadshow#top', '/activities?kind=roadshow#top'],
    // A Location header carries Latin-1 only: other characters go as their UTF-8 escapes.
    ['/activities?q=新材料', '/activities?q=%E6%96%B0%E6%9D%90%E6%96%99'],
    ['/结果', '/%E7%BB%93%E6%9E%9C'],
  ])('keeps the path %s on this site as %s', (given, kept) => {
    expect(safeNext(given)).toBe(kept);
    expect(kept).toMatch(/^[\x21-\x7e]+$/);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    '/a/../..//evil.example',
    '/ spaced',
    'console',
    undefined,
    ['/console'],
  ])('sends %p home instead', (given) => {
    expect(safeNext(given)).toBe('/');
  });
});
