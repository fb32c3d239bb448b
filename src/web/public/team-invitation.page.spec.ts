import { TeamInvitationViewDto } from 'src/identity/dto/team-invitation.dto';
import { teamInvitationPage } from 'src/web/public/team-invitation.page';

const open: TeamInvitationViewDto = {
  organization: { id: 'o1', name: '天府新区生产力促进中心' },
  role: 'staff',
  invitedBy: '赵琳',
  expiresAt: new Date('2026-07-08T00:00:00Z'),
  state: 'open',
  acceptedByYou: false,
};

describe('teamInvitationPage', () => {
  it('asks an anonymous reader to sign in or sign up first, coming back to the link', () => {
    const page = teamInvitationPage('abc_DEF-123', open, undefined);
    expect(page).toMatchObject({ acceptable: false, signInFirst: true });
    expect(page.path).toBe('/team-invitations/abc_DEF-123');
    expect(page.next).toBe('%2Fteam-invitations%2Fabc_DEF-123');
    expect(page.goTo).toBeUndefined();
  });

  it('offers a signed-in reader the accept button while it is open, nothing once it is closed', () => {
    expect(teamInvitationPage('t', open, { id: 'u1', roles: ['expert'] })).toMatchObject({
      acceptable: true,
      signInFirst: false,
    });
    for (const state of ['expired', 'revoked', 'accepted'] as const) {
      const page = teamInvitationPage('t', { ...open, state }, { id: 'u1', roles: ['expert'] });
      expect(page).toMatchObject({ acceptable: false, signInFirst: false, goTo: undefined });
    }
  });

  it('sends the reader who accepted a team role to the console, a member to their portal', () => {
    const accepted = { ...open, state: 'accepted' as const, acceptedByYou: true };
    // Their new team role opens the console (the session says so), with no platform role.
    const teamMember = { id: 'u1', roles: ['expert' as const], inTeam: true };
    expect(teamInvitationPage('t', accepted, teamMember).goTo).toBe('/console/team');
    const member = { ...accepted, role: 'member' as const };
    expect(teamInvitationPage('t', member, { id: 'u1', roles: ['enterprise'] }).goTo).toBe(
      '/enterprise/organizations',
    );
    expect(teamInvitationPage('t', member, { id: 'u1', roles: ['expert'] }).goTo).toBe(
      '/expert/organizations',
    );
  });
});
