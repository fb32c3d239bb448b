import { hlsGrant, HLS_GRANT_SECONDS, isHlsGrant } from 'src/live/hls-grant';

describe('HLS grants', () => {
  const secret = { current: 'a-secret-of-at-least-32-characters!!', previous: null };
  const now = Date.UTC(2026, 11, 6, 10, 15);

  it('opens the session it was made for until it expires', () => {
    const grant = hlsGrant(secret, 'session-a', now);
    expect(isHlsGrant(secret, 'session-a', grant, now)).toBe(true);
    expect(isHlsGrant(secret, 'session-a', grant, now + (HLS_GRANT_SECONDS - 60) * 1000)).toBe(
      true,
    );
    expect(isHlsGrant(secret, 'session-a', grant, now + (HLS_GRANT_SECONDS + 3600) * 1000)).toBe(
      false,
    );
  });

  it('opens no other session, and nothing with its expiry changed or its signature forged', () => {
    const grant = hlsGrant(secret, 'session-a', now);
    const [expires, token] = grant.split('.');
    expect(isHlsGrant(secret, 'session-b', grant, now)).toBe(false);
    expect(isHlsGrant(secret, 'session-a', `${Number(expires) + 3600}.${token}`, now)).toBe(false);
    expect(
      isHlsGrant(
        { current: 'another-secret-of-32-characters!!!!', previous: null },
        'session-a',
        grant,
        now,
      ),
    ).toBe(false);
    expect(isHlsGrant(secret, 'session-a', 'nonsense', now)).toBe(false);
  });
});
