import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { Condition, Querier } from 'src/database/querier';
import { Tx } from 'src/database/tx';
import { Invitees } from 'src/events/invitees';

/**
 * The invitations a person holds (`i`): those to an e-mail address or mobile number they proved is
 * theirs, and those they accepted while signed in (the invitation's registration is their
 * account's). An address typed at sign-up and never verified holds nothing.
 */
const HELD = (email: string, mobile: string, userId: string) =>
  `(i.email = ${email} OR i.mobile = ${mobile}
    OR i.registration_id IN (SELECT r.id FROM registration r WHERE r.user_id = ${userId}))`;
type Holder = Pick<AuthUser, 'id' | 'verifiedEmail' | 'verifiedMobile'>;

/** The seats kept for invitees who have not answered yet (counted against the event's capacity). */
export async function seatsKeptForInvitees(db: Querier, eventId: string): Promise<number> {
  const [{ kept }] = await db.query<{ kept: number }[]>(
    'SELECT count(*)::int AS kept FROM invitation WHERE event_id = $1 AND seat_held_until IS NOT NULL',
    [eventId],
  );
  return kept;
}

/** Whether the person holds an invitation to the event that stands (neither revoked nor declined). */
export async function holdsInvitation(
  db: Querier,
  eventId: string,
  person: Holder,
): Promise<boolean> {
  const rows = await db.query<unknown[]>(
    `SELECT 1 FROM invitation i WHERE i.event_id = $1 AND ${HELD('$2', '$3', '$4')}
        AND i.status NOT IN ('revoked', 'declined') LIMIT 1`,
    [eventId, person.verifiedEmail, person.verifiedMobile, person.id],
  );
  return rows.length > 0;
}

/** Event access's question (Invitees), answered from the invitations: by verified address or account. */
@Injectable()
export class InvitationHolders implements Invitees {
  constructor(private readonly tx: Tx) {}

  async holds(user: AuthUser, eventId: string): Promise<boolean> {
    const rows = await this.tx.query<unknown[]>(
      `SELECT 1 FROM invitation i WHERE i.event_id = $1 AND ${HELD('$2', '$3', '$4')}
          AND i.status <> 'revoked' LIMIT 1`,
      [eventId, user.verifiedEmail, user.verifiedMobile, user.id],
    );
    return rows.length > 0;
  }

  heldBy(column: string, user: AuthUser): Condition {
    return [
      `${column} IN (SELECT i.event_id FROM invitation i
                      WHERE ${HELD(':inviteeEmail', ':inviteeMobile', ':inviteeId')}
                        AND i.status <> 'revoked')`,
      { inviteeEmail: user.verifiedEmail, inviteeMobile: user.verifiedMobile, inviteeId: user.id },
    ];
  }
}
