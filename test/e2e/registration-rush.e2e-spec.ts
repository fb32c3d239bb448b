import { DataSource } from 'typeorm';
import { startApi, TestApi } from 'test/support/app';
import { createEvent, signedInOrganizer } from 'test/support/factories';
import { freePort, RunningProcess, spawnEntry, waitForOutput } from 'test/support/processes';
import { resetState } from 'test/support/state';

/**
 * 300 people register at once for 50 seats, through two API processes. The database must end
 * with exactly 50 confirmed and 250 waiting in an unbroken line; 10 cancellations must then
 * promote exactly the first 10 in line. A control run with the seat guard disabled shows that
 * these assertions do catch overbooking.
 */
const CAPACITY = 50;
const PEOPLE = 300;

interface Row {
  id: string;
  status: string;
  queue_number: string;
}

/** What is wrong with the event's registrations: empty when nobody is overbooked or out of line. */
async function lineProblems(
  dataSource: DataSource,
  eventId: string,
  capacity: number,
): Promise<string[]> {
  const rows = await dataSource.query<Row[]>(
    'SELECT id, status, queue_number FROM registration WHERE event_id = $1 ORDER BY queue_number',
    [eventId],
  );
  const confirmed = rows.filter((r) => r.status === 'confirmed').length;
  const waiting = rows.filter((r) => r.status === 'waitlisted').length;
  const problems: string[] = [];
  if (confirmed > capacity)
    problems.push(`overbooked: ${confirmed} confirmed for ${capacity} seats`);
  if (confirmed < capacity && waiting > 0)
    problems.push(`${capacity - confirmed} seats free while ${waiting} wait`);
  const [{ taken }] = await dataSource.query<{ taken: number }[]>(
    'SELECT coalesce(sum(taken), 0)::int AS taken FROM event_seat_shard WHERE event_id = $1',
    [eventId],
  );
  if (taken !== confirmed)
    problems.push(`seat ledger says ${taken}, registrations say ${confirmed}`);
  return problems;
}

describe('registration rush across two API processes', () => {
  let api: TestApi;
  let servers: RunningProcess[];
  let ports: number[];

  beforeAll(async () => {
    await resetState();
    api = await startApi();
    ports = [await freePort(), await freePort()];
    servers = ports.map((port) => spawnEntry('main', { PORT: String(port), HOST: '127.0.0.1' }));
    // Two processes loading their TypeScript at once take a while on a busy machine.
    await Promise.all(servers.map((s) => waitForOutput(s, /API 已启动/, 80_000)));
  }, 90_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill('SIGTERM')));
    await api.close();
  });

  async function openEvent(): Promise<string> {
    const organizer = await signedInOrganizer(api.app);
    return createEvent(api.http, organizer, {
      kind: 'roadshow',
      format: 'online',
      title: '热门路演',
      capacity: CAPACITY,
    });
  }

  /** Everyone at once, alternating between the two processes. */
  async function rush(eventId: string): Promise<number[]> {
    return Promise.all(
      Array.from({ length: PEOPLE }, async (_, i) => {
        const response = await fetch(
          `http://127.0.0.1:${ports[i % 2]}/api/events/${eventId}/registrations`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              acceptPrivacy: true,
              name: `报名者${i}`,
              email: `rush${i}@example.cn`,
              mobile: `139${String(i).padStart(8, '0')}`,
              sector: 'industry',
            }),
          },
        );
        return response.status;
      }),
    );
  }

  it('confirms exactly 50, lines up 250 without gaps, and promotes exactly the first 10', async () => {
    const eventId = await openEvent();
    const statuses = await rush(eventId);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    expect(await lineProblems(api.dataSource, eventId, CAPACITY)).toEqual([]);

    const line = await api.dataSource.query<{ id: string; position: number }[]>(
      `SELECT id, row_number() OVER (ORDER BY queue_number)::int AS position
         FROM registration WHERE event_id = $1 AND status = 'waitlisted'`,
      [eventId],
    );
    expect(line).toHaveLength(PEOPLE - CAPACITY);
    // The positions the API reports are 1..250, each once.
    const reported = await Promise.all(
      line.map(async ({ id }) => {
        const { body } = await api.http
          .get(`/api/registrations/${id}`)
          .set('authorization', `Bearer ${await adminToken()}`);
        return (body as { waitlistPosition: number }).waitlistPosition;
      }),
    );
    expect([...reported].sort((a, b) => a - b)).toEqual(
      Array.from({ length: PEOPLE - CAPACITY }, (_, i) => i + 1),
    );

    const confirmed = await api.dataSource.query<{ id: string }[]>(
      "SELECT id FROM registration WHERE event_id = $1 AND status = 'confirmed' LIMIT 10",
      [eventId],
    );
    const token = await adminToken();
    const cancellations = await Promise.all(
      confirmed.map(({ id }, i) =>
        fetch(`http://127.0.0.1:${ports[i % 2]}/api/registrations/${id}/cancel`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        }).then((r) => r.status),
      ),
    );
    expect(cancellations).toEqual(Array(10).fill(200));
    const firstTen = line
      .slice(0, 10)
      .map((r) => r.id)
      .sort();
    const promoted = await api.dataSource.query<{ id: string }[]>(
      `SELECT id FROM registration WHERE event_id = $1 AND status = 'confirmed' AND id = ANY($2)`,
      [eventId, firstTen],
    );
    expect(promoted.map((r) => r.id).sort()).toEqual(firstTen);
    expect(await lineProblems(api.dataSource, eventId, CAPACITY)).toEqual([]);
  });

  it('control: with the seat guard disabled, the same assertions catch the overbooking', async () => {
    const eventId = await openEvent();
    // Disable the guard: the shards no longer add up to the capacity.
    await api.dataSource.query(
      'UPDATE event_seat_shard SET capacity = 1000000 WHERE event_id = $1',
      [eventId],
    );
    await rush(eventId);
    const problems = await lineProblems(api.dataSource, eventId, CAPACITY);
    expect(problems).toEqual([`overbooked: ${PEOPLE} confirmed for ${CAPACITY} seats`]);
  });

  // The promise is kept, not its value: 250 concurrent callers share one admin and one token.
  let cachedAdminToken: Promise<string> | undefined;
  function adminToken(): Promise<string> {
    cachedAdminToken ??= (async () => {
      const { createUser, tokenFor } = await import('test/support/factories');
      return tokenFor(api.app, await createUser(api.dataSource, { roles: ['admin'] }));
    })();
    return cachedAdminToken;
  }
});
