import { isSignedToken, signedToken } from 'src/common/signed-token';

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
