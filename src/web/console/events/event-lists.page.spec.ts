import { InvitationDto } from 'src/invitations/dto/invitation.dto';
import { RegistrationDto } from 'src/registrations/dto/registration.dto';
import {
  invitationRow,
  registrationExports,
  registrationRow,
  seatsOf,
} from 'src/web/console/events/event-lists.page';

describe('the rows of an event’s invitations and registrations', () => {
  const invitation = (status: InvitationDto['status']) =>
    invitationRow({ status } as InvitationDto);
  const registration = (status: RegistrationDto['status']) =>
    registrationRow({ status } as RegistrationDto);

  it('offers to resend or revoke only invitations still open', () => {
    expect(invitation('sent')).toMatchObject({ resendable: true, revocable: true });
    expect(invitation('declined')).toMatchObject({ resendable: false, revocable: true });
    for (const settled of ['accepted', 'revoked', 'expired'] as const)
      expect(invitation(settled)).toMatchObject({ resendable: false, revocable: false });
  });

  it('offers a decision on pending registrations, and cancelling where the lifecycle allows', () => {
    expect(registration('pending')).toMatchObject({ decidable: true, cancellable: true });
    expect(registration('confirmed')).toMatchObject({ decidable: false, cancellable: true });
    expect(registration('cancelled')).toMatchObject({ decidable: false, cancellable: false });
  });

  it('links the exports and reads the seats typed', () => {
    expect(registrationExports('e1', 'en')).toEqual([
      { format: 'csv', href: '/api/events/e1/registrations.csv?lang=en' },
      { format: 'xlsx', href: '/api/events/e1/registrations.xlsx?lang=en' },
    ]);
    expect(seatsOf(' ')).toBeNull();
    expect(seatsOf('120')).toBe(120);
    expect(seatsOf('很多')).toBe('很多');
  });
});
