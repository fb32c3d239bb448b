import { securityHeaders } from 'src/common/security-headers';

describe('securityHeaders', () => {
  it('allow only this site, its sockets and its media, and forbid framing', () => {
    const headers = securityHeaders({
      publicUrl: 'http://localhost:3000',
      allowedOrigins: ['http://localhost:3000', 'https://admin.example.cn'],
    });
    const csp = headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' ws://localhost:3000 wss://admin.example.cn");
    expect(csp).toContain("media-src 'self' blob: mediastream:");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['strict-transport-security']).toBeUndefined();
  });

  it('ask for https from then on when the site is served over https', () => {
    const headers = securityHeaders({
      publicUrl: 'https://duijie.example.cn',
      allowedOrigins: ['https://duijie.example.cn'],
    });
    expect(headers['strict-transport-security']).toBe('max-age=31536000');
  });
});
