import { batchItems } from 'src/common/batches';
import { startApi, TestApi } from 'test/support/app';
import { createEvent, signedInOrganizer } from 'test/support/factories';
import { resetState } from 'test/support/state';

/**
 * Registrations of one event that arrive together share one statement (group commit): one round
 * trip and one commit for many. Sharing must change nothing a registrant relies on: seats never
 * overbooked and none left free while people wait, each person's own consents, audit entry and
 * messages, their exact place in line, and a duplicate refused alone.
 */
interface Answer {
  id: string;
  status: string;
  waitlistPosition: number | null;
}

/** Statements run and registrations they carried, so far, in this test process. */
async function grouped(): Promise<{ statements: number; registrations: number }> {
  const { values } = await batchItems.get();
  const of = (name: string) =>
    values.find((v) => v.metricName === name && v.labels.work === 'registration')?.value ?? 0;
  return { statements: of('batch_items_count'), registrations: of('batch_items_sum') };
}

describe('registrations arriving together share their statement', () => {
  let api: TestApi;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;

  beforeAll(async () => {
    await resetState();
    // Every guest of these tests comes from this machine's one address.
    api = await startApi({ GUEST_REGISTRATIONS_PER_ADDRESS: '100000' });
    organizer = await signedInOrganizer(api.app);
  });
  afterAll(() => api.close());

  const guest = (n: number, overrides: Record<string, string> = {}) => ({
    acceptPrivacy: true,
    name: `同时报名${n}`,
    email: `together${n}@example.cn`,
    mobile: `1390013${String(n).padStart(4, '0')}`,
    sector: 'industry',
    ...overrides,
  });

  const registerAll = (eventId: string, bodies: Record<string, unknown>[]) =>
    Promise.all(
      bodies.map((body) => api.http.post(`/api/events/${eventId}/registrations`).send(body)),
    );

  async function figures(eventId: string) {
    const [row] = await api.dataSource.query<
      { confirmed: number; waiting: number; taken: number; consents: number; audited: number }[]
    >(
      `SELECT (SELECT count(*)::int FROM registration WHERE event_id = $1 AND status = 'confirmed') AS confirmed,
              (SELECT count(*)::int FROM registration WHERE event_id = $1 AND status = 'waitlisted') AS waiting,
              (SELECT coalesce(sum(taken), 0)::int FROM event_seat_shard WHERE event_id = $1) AS taken,
              (SELECT count(*)::int FROM consent c JOIN registration r ON r.id = c.person_id
                WHERE r.event_id = $1 AND c.person_type = 'registration' AND c.purpose = 'notice') AS consents,
              (SELECT count(*)::int FROM audit_entry a JOIN registration r ON r.id = a.subject_id
                WHERE r.event_id = $1 AND a.action = 'consent') AS audited`,
      [eventId],
    );
    return row;
  }

  it('seats exactly the seats there are, several from one shard, and lines up the rest in order', async () => {
    // 150 seats over 64 shards: most shards hold two or three, so a statement takes several
    // seats from one shard; 200 people, so statements ask for more seats than are left.
    const eventId = await createEvent(api.http, organizer, { capacity: 150 });
    const before = await grouped();
    const responses = await registerAll(
      eventId,
      Array.from({ length: 200 }, (_, n) => guest(n)),
    );
    const after = await grouped();
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201));
    const answers = responses.map((r) => r.body as Answer);

    expect(await figures(eventId)).toEqual({
      confirmed: 150,
      waiting: 50,
      taken: 150,
      consents: 200,
      audited: 200,
    });
    // Each waiting person was told the place they hold in the final line: 1..50, once each.
    const line = await api.dataSource.query<{ id: string; place: number }[]>(
      `SELECT id, row_number() OVER (ORDER BY queue_number)::int AS place
         FROM registration WHERE event_id = $1 AND status = 'waitlisted'`,
      [eventId],
    );
    const told = new Map(answers.map((a) => [a.id, a.waitlistPosition]));
    expect(line.map((r) => told.get(r.id))).toEqual(line.map((r) => r.place));
    // Each registrant's own messages: a confirmation, or the notice of their place.
    const [{ confirmations, notices }] = await api.dataSource.query<
      { confirmations: number; notices: number }[]
    >(
      `SELECT count(*) FILTER (WHERE template = 'registration-confirmed' AND channel = 'email')::int AS confirmations,
              count(*) FILTER (WHERE template = 'registration-waitlisted' AND channel = 'email')::int AS notices
         FROM outbox_message o JOIN registration r ON o.subject = 'registration:' || r.id
        WHERE r.event_id = $1`,
      [eventId],
    );
    expect({ confirmations, notices }).toEqual({ confirmations: 150, notices: 50 });
    // They did share statements: fewer statements than registrations went through them (one
    // statement each, as before group commit, would make the two equal).
    const statements = after.statements - before.statements;
    const carried = after.registrations - before.registrations;
    expect(carried).toBeGreaterThanOrEqual(200);
    expect(statements).toBeLessThan(carried);
  });

  it('refuses only the duplicate when it shares a statement with others', async () => {
    const eventId = await createEvent(api.http, organizer, { capacity: 100 });
    const bodies = [
      ...Array.from({ length: 28 }, (_, n) => guest(1000 + n)),
      guest(2000, { email: 'together1003@example.cn' }), // the e-mail of a registrant above
      guest(2001, { mobile: '13900131010' }), // the mobile of a registrant above
    ];
    const responses = await registerAll(eventId, bodies);
    const refused = responses.filter((r) => r.status === 409);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(28);
    expect(refused.map((r) => (r.body as { code: string }).code)).toEqual([
      'REGISTRATION_DUPLICATE',
      'REGISTRATION_DUPLICATE',
    ]);
    expect(await figures(eventId)).toEqual({
      confirmed: 28,
      waiting: 0,
      taken: 28,
      consents: 28,
      audited: 28,
    });
  });
});
