import { isManageToken, manageToken } from 'src/registrations/manage-token';

describe('manage tokens', () => {
  const id = '6d880469-7b42-4886-9127-0441c0aa187f';

  it('are the same every time for a registration, and differ between registrations and secrets', () => {
    expect(manageToken('s', id)).toBe(manageToken('s', id));
    expect(manageToken('s', id)).toHaveLength(32);
    expect(manageToken('s', id)).not.toBe(manageToken('s', '00000000-0000-4000-8000-000000000000'));
    expect(manageToken('s', id)).not.toBe(manageToken('t', id));
  });

  it('accept only the right token', () => {
    expect(isManageToken('s', id, manageToken('s', id))).toBe(true);
    expect(isManageToken('s', id, manageToken('t', id))).toBe(false);
    expect(isManageToken('s', id, 'short')).toBe(false);
    expect(isManageToken('s', id, '')).toBe(false);
  });
});
