import { Condition, Querier } from 'src/database/querier';
import { Registration } from 'src/registrations/registration.entity';
import { ACTIVE_STATUSES } from 'src/registrations/registration-status';

/**
 * The registrations' answers to other features (docking, live, calendar), so that none of them
 * reads the `registration` table itself.
 */

/**
 * A person as seats and registrations are matched: by account, or by an e-mail address or mobile
 * number they proved is theirs (a guest's or invitee's registration carries only the addresses).
 * An address typed at sign-up and never verified matches nothing.
 */
export interface SeatHolder {
  id: string;
  verifiedEmail: string | null;
  verifiedMobile: string | null;
}

/** Whether the registration is the person's: their account's, or made with an address they proved. */
export function ownsRegistration(
  person: SeatHolder,
  registration: Pick<Registration, 'userId' | 'email' | 'mobile'>,
): boolean {
  return (
    registration.userId === person.id ||
    (registration.email !== null && registration.email === person.verifiedEmail) ||
    (registration.mobile !== null && registration.mobile === person.verifiedMobile)
  );
}

/** The SQL condition of a registration (`alias`) held by a person, from three parameters. */
export function ownRegistration(alias: string, id: string, email: string, mobile: string): string {
  return `(${alias}.user_id = ${id} OR ${alias}.email = ${email} OR ${alias}.mobile = ${mobile})`;
}

/** Whether the person holds a confirmed seat at the event, by account or by a verified address. */
export async function hasConfirmedSeat(
  db: Querier,
  eventId: string,
  person: SeatHolder,
): Promise<boolean> {
  const rows = await db.query<unknown[]>(
    `SELECT 1 FROM registration
      WHERE event_id = $1 AND status = 'confirmed' AND ${ownRegistration('registration', '$2', '$3', '$4')}
      LIMIT 1`,
    [eventId, person.id, person.verifiedEmail, person.verifiedMobile],
  );
  return rows.length > 0;
}

/** The events (`alias.id`) where the person holds a confirmed seat, by account or a verified address. */
export function confirmedSeatOf(alias: string, person: SeatHolder): Condition {
  return [
    `EXISTS (SELECT 1 FROM registration r WHERE r.event_id = ${alias}.id AND r.status = 'confirmed'
             AND ${ownRegistration('r', ':seatHolder', ':seatHolderEmail', ':seatHolderMobile')})`,
    {
      seatHolder: person.id,
      seatHolderEmail: person.verifiedEmail,
      seatHolderMobile: person.verifiedMobile,
    },
  ];
}

/** The events (`alias.id`) the user holds a place at: seated, waiting or awaiting approval. */
export function activePlaceOf(alias: string, userId: string): Condition {
  return [
    `${alias}.id IN (SELECT r.event_id FROM registration r
                      WHERE r.user_id = :placeHolder AND r.status IN (:...activeStatuses))`,
    { placeHolder: userId, activeStatuses: ACTIVE_STATUSES },
  ];
}

/** The other people with an account who hold a confirmed seat at the event, by name. */
export function confirmedAccountHolders(
  db: Querier,
  eventId: string,
  exceptUserId: string,
): Promise<{ id: string; name: string; organization: string | null }[]> {
  return db.query(
    `SELECT DISTINCT u.id, u.name, r.organization_name AS organization
       FROM registration r JOIN user_account u
         ON u.id = r.user_id OR (u.email = r.email AND u.email_verified_at IS NOT NULL)
                             OR (u.mobile = r.mobile AND u.mobile_verified_at IS NOT NULL)
      WHERE r.event_id = $1 AND r.status = 'confirmed' AND u.id <> $2
      ORDER BY u.name`,
    [eventId, exceptUserId],
  );
}
