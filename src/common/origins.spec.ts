import { fromAllowedOrigin } from './origins';

const config = { allowedOrigins: ['https://duijie.example.cn', 'http://localhost:3000'] };

describe('fromAllowedOrigin', () => {
  it('accepts our own origins', () => {
    expect(fromAllowedOrigin({ origin: 'https://duijie.example.cn' }, config)).toBe(true);
    expect(fromAllowedOrigin({ origin: 'http://localhost:3000' }, config)).toBe(true);
  });

  it('refuses a foreign origin, an opaque origin and a cross-site fetch', () => {
    expect(fromAllowedOrigin({ origin: 'https://evil.example' }, config)).toBe(false);
    expect(fromAllowedOrigin({ origin: 'https://duijie.example.cn.evil.example' }, config)).toBe(
      false,
    );
    expect(fromAllowedOrigin({ origin: 'null' }, config)).toBe(false);
    expect(fromAllowedOrigin({ 'sec-fetch-site': 'cross-site' }, config)).toBe(false);
    expect(fromAllowedOrigin({ 'sec-fetch-site': 'same-site' }, config)).toBe(false);
  });

  it('lets a same-origin fetch and a non-browser client through', () => {
    expect(fromAllowedOrigin({ 'sec-fetch-site': 'same-origin' }, config)).toBe(true);
    expect(fromAllowedOrigin({}, config)).toBe(true);
  });
});
