import { Tx } from 'src/database/tx';

/** Which rows: SQL over a row's columns, with its parameters from `$1`. */
export interface Where {
  sql: string;
  params: unknown[];
}

/** The rows an UPDATE … RETURNING changed. */
async function updated<T>(tx: Tx, sql: string, params: unknown[]): Promise<T[]> {
  const [rows] = await tx.query<[T[], number]>(sql, params);
  return rows;
}

/** What a guest, invitee or registrant is called once their data is anonymised. */
export const ANONYMISED_NAME = '已匿名 / anonymised';
/** What a deleted account is called where its deals and records are kept. */
export const DELETED_NAME = '已注销用户 / deleted user';

/**
 * Anonymises the registrations and invitations chosen by their `where` (SQL over the row's
 * columns, its parameters from `$1`; null for none): names, e-mails, mobiles and answers are replaced, the link to an account
 * and the check-in code dropped, and the messages to them emptied (those still waiting dropped;
 * one being sent goes out as it was read).
 * Statuses, sectors, organizations, times and counts stay, so every statistic stays as it was.
 * Returns how many people (rows) were anonymised.
 */
export async function anonymisePeople(
  tx: Tx,
  where: { registrations: Where | null; invitations: Where | null },
): Promise<number> {
  const registrations = !where.registrations
    ? []
    : await updated<{ id: string }>(
        tx,
        `UPDATE registration
            SET name = $${where.registrations.params.length + 1},
                email = 'anonymised-' || id || '@anonymised.invalid', mobile = NULL,
                answers = '{}', user_id = NULL, check_in_code = NULL
          WHERE (${where.registrations.sql}) AND coalesce(email, '') NOT LIKE '%@anonymised.invalid'
          RETURNING id`,
        [...where.registrations.params, ANONYMISED_NAME],
      );
  const invitations = !where.invitations
    ? []
    : await updated<{ id: string; registration_id: string | null }>(
        tx,
        `UPDATE invitation
            SET name = $${where.invitations.params.length + 1},
                email = 'anonymised-' || id || '@anonymised.invalid', mobile = NULL
          WHERE (${where.invitations.sql}) AND coalesce(email, '') NOT LIKE '%@anonymised.invalid'
          RETURNING id, registration_id`,
        [...where.invitations.params, ANONYMISED_NAME],
      );
  const subjects = [
    ...registrations.map((r) => `registration:${r.id}`),
    ...invitations.map((i) => `invitation:${i.id}`),
  ];
  if (subjects.length > 0) {
    await tx.query(
      `UPDATE outbox_message
          SET recipient = 'anonymised', data = '{}', attachments = '[]',
              status = CASE WHEN status IN ('pending', 'enqueued') THEN 'dropped' ELSE status END
        WHERE subject = ANY($1)`,
      [subjects],
    );
  }
  // Someone invited who registered by accepting is one person.
  const registered = new Set(registrations.map((r) => r.id));
  const invitedOnly = invitations.filter(
    (i) => !i.registration_id || !registered.has(i.registration_id),
  );
  return registrations.length + invitedOnly.length;
}
