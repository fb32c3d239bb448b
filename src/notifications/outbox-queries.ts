import { Querier } from 'src/database/querier';
import { Channel } from 'src/notifications/outbox-message.entity';

/**
 * The outbox's answers to other features, so that none of them reads `outbox_message` itself:
 * how many messages a cause recorded, whether the latest one went out, how many wait by status.
 */

/** How many `template` messages were recorded about `subject` (a resend numbers the next one). */
export async function countMessagesAbout(
  db: Querier,
  subject: string,
  template: string,
): Promise<number> {
  const [{ n }] = await db.query<{ n: number }[]>(
    'SELECT count(*)::int AS n FROM outbox_message WHERE subject = $1 AND template = $2',
    [subject, template],
  );
  return n;
}

/**
 * SQL for a subselect: the delivery of the latest `template` message on `channel` about the
 * subject the SQL expression `subjectSql` names — 'delivered', 'failed' or 'pending'. `channel` is
 * a channel, or an SQL expression naming one per row (`{ sql }`, e.g. the person's first channel).
 */
export function latestDeliverySql(
  subjectSql: string,
  template: string,
  channel: Channel | { sql: string },
): string {
  const channelSql = typeof channel === 'string' ? `'${channel}'` : channel.sql;
  return `(SELECT CASE o.status WHEN 'delivered' THEN 'delivered' WHEN 'failed' THEN 'failed' ELSE 'pending' END
             FROM outbox_message o
            WHERE o.subject = ${subjectSql} AND o.template = '${template}' AND o.channel = ${channelSql}
            ORDER BY o.id DESC LIMIT 1)`;
}

/** Messages by status, for the metrics. */
export function countByStatus(db: Querier): Promise<{ status: string; count: number }[]> {
  return db.query('SELECT status, count(*)::int AS count FROM outbox_message GROUP BY status');
}
