import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { linkExpiryFor, linkToken } from 'src/common/signed-token';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Event } from 'src/events/event.entity';
import { Registration } from 'src/registrations/registration.entity';

/** The demo registrant whose ticket the demo shows (王磊 of 四川蜀能新材料, at the coming roadshow). */
export const TICKET_HOLDER = 'registrant2@duijie.demo';

export interface DoorLinks {
  /** The registration's own page with its link's token, as the confirmation carries it. */
  ticket: string;
  code: string;
  eventId: string;
  /** The organizers' check-in page of that event, and its badges to print. */
  checkIn: string;
  badges: string;
}

/** Where the demo's door is: a registrant's ticket and the check-in page of the same event. */
export async function doorLinks(app: INestApplicationContext): Promise<DoorLinks | undefined> {
  const dataSource = app.get(DataSource);
  const config = app.get<AppConfig>(APP_CONFIG);
  const registration = await dataSource
    .getRepository(Registration)
    .findOneBy({ email: TICKET_HOLDER, status: 'confirmed' });
  if (!registration?.checkInCode) return undefined;
  const event = await dataSource.getRepository(Event).findOneByOrFail({ id: registration.eventId });
  const token = linkToken(config.linkTokens, 'registration', registration.id, linkExpiryFor(event));
  const door = `${config.publicUrl}/console/events/${event.id}/check-in`;
  return {
    ticket: `${config.publicUrl}/registrations/${registration.id}?token=${token}`,
    code: registration.checkInCode,
    eventId: event.id,
    checkIn: door,
    badges: `${door}/badges`,
  };
}

/** The lines `npm run demo` prints about the door. */
export function doorLines(links: DoorLinks): string[] {
  return [
    `入场凭证（报名页）/ a ticket: ${links.ticket}  (签到码 / code ${links.code})`,
    `现场签到（组织者）/ the door: ${links.checkIn}`,
    `胸牌打印 / badges to print: ${links.badges}`,
  ];
}
