import { linkToken } from 'src/common/signed-token';
import { Invitation } from 'src/invitations/invitation.entity';
import { INVITATION_TOKEN } from 'src/invitations/invitation-messages';
import { Registration } from 'src/registrations/registration.entity';
import { startApi, TestApi } from 'test/support/app';
import { createEvent, signedInOrganizer } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { resetState } from 'test/support/state';

const TRIALS = 100;

describe('an invitation accepted and revoked at the same moment', () => {
  let api: TestApi;

  beforeAll(async () => {
    await resetState();
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it(`ends accepted or revoked, never both, in ${TRIALS} races`, async () => {
    const organizer = await signedInOrganizer(api.app);
    const eventId = await createEvent(api.http, organizer, { visibility: 'invite_only' });
    await api.http
      .post(`/api/events/${eventId}/invitations`)
      .set(bearer(organizer.token))
      .send({
        invitees: Array.from({ length: TRIALS }, (_, n) => ({
          name: `竞速嘉宾${n}`,
          mobile: `1390000${String(n).padStart(4, '0')}`,
          sector: 'industry',
        })),
      })
      .expect(201);
    const invitations = await api.dataSource.getRepository(Invitation).findBy({ eventId });
    expect(invitations).toHaveLength(TRIALS);

    const outcomes = { accepted: 0, revoked: 0, both: 0, neither: 0 };
    for (const [n, invitation] of invitations.entries()) {
      const token = linkToken(
        api.config.linkTokens,
        INVITATION_TOKEN,
        invitation.id,
        new Date(Date.now() + 86_400_000),
      );
      const accepting = () =>
        api.http
          .post(`/api/invitations/${invitation.id}/accept?token=${token}`)
          .send({ acceptPrivacy: true });
      const revoking = () =>
        api.http.post(`/api/invitations/${invitation.id}/revoke`).set(bearer(organizer.token));
      // Every other race the revoke is sent first, so that both orders of arrival are tried.
      const [accept, revoke] =
        n % 2 === 0
          ? await Promise.all([accepting(), revoking()])
          : (await Promise.all([revoking(), accepting()])).reverse();
      const accepted = accept.status === 201;
      const revoked = revoke.status === 200;
      if (accepted && revoked) outcomes.both++;
      else if (accepted) outcomes.accepted++;
      else if (revoked) outcomes.revoked++;
      else outcomes.neither++;
      // The loser is told why: a 409 on the status it found, or 404 for a link already revoked.
      if (!accepted) expect([404, 409]).toContain(accept.status);
      if (!revoked) expect(revoke.status).toBe(409);

      const stored = await api.dataSource
        .getRepository(Invitation)
        .findOneByOrFail({ id: invitation.id });
      const registrations = await api.dataSource
        .getRepository(Registration)
        .countBy({ eventId, mobile: invitation.mobile! });
      expect([stored.status, registrations]).toEqual(accepted ? ['accepted', 1] : ['revoked', 0]);
      if (accepted) expect(stored.registrationId).not.toBeNull();
    }
    // Printed so that a run shows how the races went (both orders occur on a loaded machine).
    console.log(`accept racing revoke, ${TRIALS} times: ${JSON.stringify(outcomes)}`);
    expect(outcomes.both).toBe(0);
    expect(outcomes.neither).toBe(0);
    expect(outcomes.accepted + outcomes.revoked).toBe(TRIALS);
  });
});
