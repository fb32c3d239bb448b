import { Client } from 'pg';
import { Operation, SteadyLoad } from 'test/support/steady-load';
import { ReceivedMail } from 'test/support/smtp';

/**
 * What the clients were told, held against what the database keeps and what the mail server
 * accepted: every acknowledged registration, invitation and check-in exactly once, every message
 * of theirs written once and accepted once.
 */

export interface Window {
  name: string;
  start: number;
  /** When the fault was undone: the server back, the network restored, the process restarted. */
  end: number;
}

export interface Reckoning {
  lost: number;
  doubled: number;
  /** Messages the mail server accepted a second time (the same Message-ID). */
  mailDoubled: number;
  problems: string[];
}

/** One query on a connection of its own (the test's own connections live through no fault). */
export async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Counts by key. */
function tally(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** The window a moment falls in. */
export function windowAt(time: number, windows: Window[], settled: number[]): string {
  const i = windows.findIndex((w, k) => time >= w.start && time < settled[k]);
  return i < 0 ? 'steady' : windows[i].name;
}

/** The window an operation started in (the steady stretches between faults belong to none). */
export function windowOf(operation: Operation, windows: Window[], settled: number[]): string {
  const i = windows.findIndex(
    (w, k) => operation.startedAt >= w.start && operation.startedAt < settled[k],
  );
  return i < 0 ? 'steady' : windows[i].name;
}

export interface EventIds {
  registrationEvent: string;
  invitationEvent: string;
  capacity: number;
}

/**
 * Reckons every operation against the database and the mail: lost and doubled per window, and
 * every other problem found (overbooking, a message written twice, a mail accepted twice).
 */
export async function reckon(
  url: string,
  load: SteadyLoad,
  mail: ReceivedMail[],
  ids: EventIds,
  bucket: (operation: Operation) => string,
  bucketAt: (time: number) => string,
): Promise<{ byWindow: Map<string, Reckoning>; problems: string[] }> {
  const problems: string[] = [];
  const byWindow = new Map<string, Reckoning>();
  const tellOf = (key: string, what: 'lost' | 'doubled' | 'mailDoubled', why: string) => {
    const entry = byWindow.get(key) ?? { lost: 0, doubled: 0, mailDoubled: 0, problems: [] };
    entry[what] += 1;
    entry.problems.push(why);
    byWindow.set(key, entry);
  };
  const count = (operation: Operation, what: 'lost' | 'doubled', why: string) =>
    tellOf(bucket(operation), what, `${operation.kind} ${operation.subject}: ${why}`);

  const registrations = await query<{
    id: string;
    email: string;
    status: string;
    checked: boolean;
  }>(
    url,
    `SELECT id, email, status, checked_in_at IS NOT NULL AS checked FROM registration WHERE event_id = $1`,
    [ids.registrationEvent],
  );
  const invitations = await query<{ email: string }>(
    url,
    'SELECT email FROM invitation WHERE event_id = $1',
    [ids.invitationEvent],
  );
  const rowsByEmail = tally(registrations.map((r) => r.email));
  const invitedByEmail = tally(invitations.map((i) => i.email));
  const checkedIn = new Set(registrations.filter((r) => r.checked).map((r) => r.id));
  const byEmail = new Map(registrations.map((r) => [r.email, r]));
  const checkInsAcknowledged = new Set<string>();

  for (const operation of load.operations) {
    if (operation.result !== 'acknowledged' && operation.result !== 'already-done') {
      problems.push(
        `${operation.kind} ${operation.subject} ended ${operation.result}: ${operation.detail}`,
      );
      continue;
    }
    if (operation.kind === 'register') {
      const rows = rowsByEmail.get(operation.subject) ?? 0;
      if (rows === 0) count(operation, 'lost', 'acknowledged, not in the database');
      if (rows > 1) count(operation, 'doubled', `${rows} registrations`);
      const told = load.registered.get(operation.subject);
      const kept = byEmail.get(operation.subject);
      if (told && kept && told.status !== kept.status)
        problems.push(`registration ${told.id}: told ${told.status}, kept ${kept.status}`);
    } else if (operation.kind === 'invite') {
      const rows = invitedByEmail.get(operation.subject) ?? 0;
      if (rows === 0) count(operation, 'lost', 'acknowledged, not in the database');
      if (rows > 1) count(operation, 'doubled', `${rows} invitations`);
    } else {
      checkInsAcknowledged.add(operation.subject);
      if (!checkedIn.has(operation.subject)) count(operation, 'lost', 'not checked in');
    }
  }
  for (const id of checkedIn) {
    if (!checkInsAcknowledged.has(id))
      problems.push(`registration ${id} checked in by nobody's scan`);
  }
  const attempted = new Set(load.operations.map((o) => o.subject));
  for (const email of [...rowsByEmail.keys(), ...invitedByEmail.keys()]) {
    if (!attempted.has(email)) problems.push(`${email} in the database, never sent`);
  }

  problems.push(...(await seatProblems(url, ids)));
  problems.push(...(await messageProblems(url, ids, mail)));
  // A message accepted twice is counted in the window of its second copy.
  const copies = new Map<string, number[]>();
  for (const m of mail.filter((m) => m.acknowledgedAt !== undefined)) {
    copies.set(m.messageId, [...(copies.get(m.messageId) ?? []), m.acknowledgedAt!]);
  }
  for (const [messageId, times] of copies) {
    if (times.length > 1)
      tellOf(bucketAt(times[1]), 'mailDoubled', `mail ${messageId} accepted ${times.length} times`);
  }
  return { byWindow, problems };
}

/** No more confirmed than seats, the ledger agreeing, nobody waiting while a seat is free. */
async function seatProblems(url: string, ids: EventIds): Promise<string[]> {
  const [row] = await query<{ confirmed: number; waiting: number; taken: number }>(
    url,
    `SELECT (SELECT count(*)::int FROM registration WHERE event_id = $1 AND status = 'confirmed') AS confirmed,
            (SELECT count(*)::int FROM registration WHERE event_id = $1 AND status = 'waitlisted') AS waiting,
            (SELECT coalesce(sum(taken), 0)::int FROM event_seat_shard WHERE event_id = $1) AS taken`,
    [ids.registrationEvent],
  );
  const problems: string[] = [];
  if (row.confirmed > ids.capacity)
    problems.push(`overbooked: ${row.confirmed} confirmed for ${ids.capacity} seats`);
  if (row.taken !== row.confirmed)
    problems.push(`seat ledger says ${row.taken}, registrations say ${row.confirmed}`);
  if (row.waiting > 0 && row.confirmed < ids.capacity)
    problems.push(`${ids.capacity - row.confirmed} seats free while ${row.waiting} wait`);
  return problems;
}

/**
 * Each registration's notice and each invitation written once in the outbox, every due message
 * delivered, and the mail server's accepted messages one per delivered row.
 */
async function messageProblems(
  url: string,
  ids: EventIds,
  mail: ReceivedMail[],
): Promise<string[]> {
  const problems: string[] = [];
  const notices = await query<{ id: string; notices: number }>(
    url,
    `SELECT r.id, count(m.id)::int AS notices
       FROM registration r
       LEFT JOIN outbox_message m ON m.template IN ('registration-confirmed', 'registration-waitlisted')
                                 AND m.idempotency_key LIKE 'registration:' || r.id || ':%'
      WHERE r.event_id = $1 GROUP BY r.id HAVING count(m.id) <> 1`,
    [ids.registrationEvent],
  );
  for (const n of notices) problems.push(`registration ${n.id}: ${n.notices} notices written`);
  const invitationMessages = await query<{ email: string; messages: number }>(
    url,
    `SELECT i.email, count(m.id)::int AS messages
       FROM invitation i LEFT JOIN outbox_message m ON m.template = 'invitation' AND m.recipient = i.email
      WHERE i.event_id = $1 GROUP BY i.email HAVING count(m.id) <> 1`,
    [ids.invitationEvent],
  );
  for (const n of invitationMessages)
    problems.push(`invitee ${n.email}: ${n.messages} invitations written`);

  const due = await query<{ id: string; status: string }>(
    url,
    `SELECT id, status FROM outbox_message WHERE available_at <= now() AND channel = 'email'`,
  );
  const accepted = tally(mail.filter((m) => m.acknowledged).map((m) => m.messageId));
  for (const row of due) {
    const times = accepted.get(`<outbox-${row.id}@duijie.test>`) ?? 0;
    if (row.status !== 'delivered') problems.push(`message ${row.id} still ${row.status}`);
    if (times === 0) problems.push(`message ${row.id} never accepted by the mail server`);
  }
  const known = new Set(due.map((row) => `<outbox-${row.id}@duijie.test>`));
  for (const messageId of accepted.keys()) {
    if (!known.has(messageId)) problems.push(`mail ${messageId} belongs to no due outbox row`);
  }
  return problems;
}
