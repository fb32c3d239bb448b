import { Querier } from 'src/database/querier';

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
