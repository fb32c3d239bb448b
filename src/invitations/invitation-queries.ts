import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { Condition, Querier } from 'src/database/querier';
import { Tx } from 'src/database/tx';
import { Invitees } from 'src/events/invitees';

/** Whether the e-mail holds an invitation to the event that stands (neither revoked nor declined). */
export async function holdsInvitation(
  db: Querier,
  eventId: string,
  email: string,
): Promise<boolean> {
  const rows = await db.query<unknown[]>(
    `SELECT 1 FROM invitation WHERE event_id = $1 AND email = $2
        AND status NOT IN ('revoked', 'declined') LIMIT 1`,
    [eventId, email],
  );
  return rows.length > 0;
}

/** Event access's question (Invitees), answered from the invitations: by the user's e-mail. */
@Injectable()
export class InvitationHolders implements Invitees {
  constructor(private readonly tx: Tx) {}

  async holds(user: AuthUser, eventId: string): Promise<boolean> {
    const rows = await this.tx.query<unknown[]>(
      "SELECT 1 FROM invitation WHERE event_id = $1 AND email = $2 AND status <> 'revoked' LIMIT 1",
      [eventId, user.email],
    );
    return rows.length > 0;
  }

  heldBy(column: string, user: AuthUser): Condition {
    return [
      `${column} IN (SELECT event_id FROM invitation WHERE email = :inviteeEmail AND status <> 'revoked')`,
      { inviteeEmail: user.email },
    ];
  }
}
