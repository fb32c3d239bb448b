import { redactedUrl } from 'src/common/log-redaction';

describe('redactedUrl', () => {
  const id = '6d880469-7b42-4886-9127-0441c0aa187f';
  const token = 'mq2x8a0.Zq3v9Lr0pY1xB2c3D4e5F6g7H8i9J0kL';

  it.each([
    // registration manage link, its QR code, an invitation, the calendar feed
    [
      `/registrations/${id}?token=${token}`,
      '/registrations/:id',
      `/registrations/${id}?token=[redacted]`,
    ],
    [
      `/api/registrations/${id}/qr.png?token=${token}&size=2`,
      '/api/registrations/:id/qr.png',
      `/api/registrations/${id}/qr.png?token=[redacted]&size=2`,
    ],
    [
      `/invitations/${id}/accept?token=${token}`,
      '/invitations/:id/accept',
      `/invitations/${id}/accept?token=[redacted]`,
    ],
    [
      `/api/calendar/feed.ics?TOKEN=${token}`,
      '/api/calendar/feed.ics',
      '/api/calendar/feed.ics?TOKEN=[redacted]',
    ],
    // e-mail verification and password reset links
    [
      `/verify-email?token=${token}&next=%2Fconsole`,
      '/verify-email',
      '/verify-email?token=[redacted]&next=%2Fconsole',
    ],
    [`/reset-password?token=${token}`, '/reset-password', '/reset-password?token=[redacted]'],
    // secrets in the path: a team invitation, an HLS grant
    [
      `/team-invitations/${token}/accept`,
      '/team-invitations/:token/accept',
      '/team-invitations/[redacted]/accept',
    ],
    [
      `/api/live/sessions/${id}/hls/${token}/index.m3u8`,
      '/api/live/sessions/:id/hls/:grant/:file',
      `/api/live/sessions/${id}/hls/[redacted]/index.m3u8`,
    ],
    // what is not secret stays, and an unmatched address keeps no token-like segment
    ['/activities?page=2&done=saved', '/activities', '/activities?page=2&done=saved'],
    [`/team-invitation/${token}`, undefined, '/team-invitation/[redacted]'],
    [`/nothing/${id}`, undefined, `/nothing/${id}`],
    ['/a?%74oken=x', '/a', '/a?%74oken=[redacted]'],
  ])('%s', (url, route, logged) => {
    expect(redactedUrl(url, route)).toBe(logged);
    expect(redactedUrl(url, route)).not.toContain(token);
  });
});
