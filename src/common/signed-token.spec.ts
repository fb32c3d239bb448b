import {
  isLinkToken,
  isSignedByLinkSecret,
  isSignedToken,
  linkExpiryFor,
  linkToken,
  signedToken,
} from 'src/common/signed-token';

describe('signed tokens', () => {
  const id = '6d880469-7b42-4886-9127-0441c0aa187f';

  it('are the same every time, and differ by id, purpose and secret', () => {
    const token = signedToken('s', 'registration', id);
    expect(signedToken('s', 'registration', id)).toBe(token);
    expect(token).toHaveLength(32);
    expect(signedToken('s', 'registration', '00000000-0000-4000-8000-000000000000')).not.toBe(
      token,
    );
    expect(signedToken('s', 'calendar', id)).not.toBe(token);
    expect(signedToken('t', 'registration', id)).not.toBe(token);
  });

  it('accept only the right token', () => {
    expect(isSignedToken('s', 'registration', id, signedToken('s', 'registration', id))).toBe(true);
    expect(isSignedToken('s', 'registration', id, signedToken('s', 'calendar', id))).toBe(false);
    expect(isSignedToken('s', 'registration', id, 'short')).toBe(false);
    expect(isSignedToken('s', 'registration', id, '')).toBe(false);
  });
});

describe('link tokens', () => {
  const id = '6d880469-7b42-4886-9127-0441c0aa187f';
  const secrets = { current: 'new', previous: null };
  const now = Date.parse('2026-05-01T00:00:00Z');
  const later = new Date('2026-06-01T00:00:00Z');

  it('work until they expire, for their record and purpose only', () => {
    const token = linkToken(secrets, 'registration', id, later);
    expect(isLinkToken(secrets, 'registration', id, token, now)).toBe(true);
    expect(isLinkToken(secrets, 'registration', id, token, later.getTime())).toBe(false);
    expect(isLinkToken(secrets, 'invitation', id, token, now)).toBe(false);
    expect(isLinkToken(secrets, 'registration', id.replace('6', '7'), token, now)).toBe(false);
  });

  it('refuse a changed expiry, a token of the old kind and malformed ones', () => {
    const [, signature] = linkToken(secrets, 'registration', id, later).split('.');
    const far = Math.ceil(Date.parse('2030-01-01') / 1000).toString(36);
    expect(isLinkToken(secrets, 'registration', id, `${far}.${signature}`, now)).toBe(false);
    // What links carried before they expired: an HMAC of the id alone.
    expect(
      isLinkToken(secrets, 'registration', id, signedToken('new', 'registration', id), now),
    ).toBe(false);
    for (const bad of ['', '.', 'abc', 'zz.zz.zz', '-1.x', `${far}.`]) {
      expect(isLinkToken(secrets, 'registration', id, bad, now)).toBe(false);
    }
  });

  it('accept the previous secret while it is rotated out, and not after', () => {
    const old = linkToken({ current: 'old', previous: null }, 'registration', id, later);
    expect(isLinkToken({ current: 'new', previous: 'old' }, 'registration', id, old, now)).toBe(
      true,
    );
    expect(isLinkToken({ current: 'new', previous: null }, 'registration', id, old, now)).toBe(
      false,
    );
    expect(
      isSignedByLinkSecret({ current: 'a', previous: 'b' }, 'p', id, signedToken('b', 'p', id)),
    ).toBe(true);
  });

  it('of an event last until 30 days after it ends', () => {
    expect(linkExpiryFor({ endsAt: new Date('2026-05-01T10:00:00Z') })).toEqual(
      new Date('2026-05-31T10:00:00Z'),
    );
  });
});
