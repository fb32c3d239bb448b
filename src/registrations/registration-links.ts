import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AuthUser } from 'src/common/auth/auth-user';
import { ClientLimits } from 'src/common/client-limits';
import { CN_MOBILE, normalizeMobile } from 'src/common/mobile';
import { Tx } from 'src/database/tx';
import { EventAccess } from 'src/events/event-access';
import { EventError } from 'src/events/events.errors';
import { RegistrantMessages } from 'src/registrations/registrant-messages';
import { Registration } from 'src/registrations/registration.entity';
import { ACTIVE_STATUSES } from 'src/registrations/registration-status';

/** What a person typed to be sent their link: a mobile number, or else an e-mail address. */
export function contactOf(typed: string): { via: 'email' | 'sms'; value: string } {
  const mobile = normalizeMobile(typed);
  if (CN_MOBILE.test(mobile)) return { via: 'sms', value: mobile };
  return { via: 'email', value: typed.trim().toLowerCase() };
}

/**
 * "I registered but lost the link": the registration's own page sent again to the address it was
 * made with. The answer never says whether anyone registered with it (the same either way), and
 * the asking is limited per client address and per contact like a guest's registration. A
 * closed-door event or a draft takes no such request (404).
 */
@Injectable()
export class RegistrationLinks {
  constructor(
    private readonly tx: Tx,
    private readonly access: EventAccess,
    private readonly limits: ClientLimits,
    private readonly messages: RegistrantMessages,
  ) {}

  async sendAgain(
    user: AuthUser | undefined,
    eventId: string,
    typed: string,
    clientIp: string,
  ): Promise<void> {
    const event = await this.access.eventToRegister(user, eventId);
    // A closed door's people hold their invitation's link (its page offers no such form); a draft
    // has nobody registered: neither takes the request.
    if (event.visibility === 'closed_door' || event.status === 'draft')
      throw EventError.EVENT_NOT_FOUND({ id: eventId });
    const contact = contactOf(typed);
    await this.limits.registrationLink(clientIp, contact.value);
    await this.tx.run(async () => {
      const registration = await this.tx.repository(Registration).findOneBy({
        eventId: event.id,
        status: In([...ACTIVE_STATUSES]),
        ...(contact.via === 'sms' ? { mobile: contact.value } : { email: contact.value }),
      });
      if (registration)
        await this.messages.linkAgain(event, registration, contact.via, randomUUID());
    });
  }
}
