import { DataSource } from 'typeorm';
import { eventually, startApi, TestApi } from 'test/support/app';
import { createEvent, signedInOrganizer } from 'test/support/factories';
import { freePort, RunningProcess, spawnEntry, waitForOutput } from 'test/support/processes';
import { startSmtpServer, TestSmtp } from 'test/support/smtp';
import { resetState } from 'test/support/state';

/**
 * 300 people register at once for 100 seats through three API processes, with the worker
 * delivering as in production. Every waitlisted person is told a place in line, in the answer and
 * in the e-mail; each must be the place they hold in the final line: 1..200, each once, matching.
 * Counting the line inside one's own transaction (as the platform once did) misses earlier
 * registrants who have not committed yet: a control run of this test against that code fails it
 * (see docs/ARCHITECTURE.md, "The waiting line").
 */
const CAPACITY = 100;
const PEOPLE = 300;
const PROCESSES = 3;

interface Answer {
  id: string;
  status: string;
  waitlistPosition: number | null;
}

/** Places stated to people that differ from their place in `line` (id → place), and gaps. */
function placeProblems(stated: Map<string, number>, line: Map<string, number>): string[] {
  const problems: string[] = [];
  for (const [id, place] of line) {
    const told = stated.get(id);
    if (told !== place) problems.push(`${id}: told ${told ?? 'nothing'}, holds ${place}`);
  }
  for (const id of stated.keys())
    if (!line.has(id)) problems.push(`${id}: told a place, not in line`);
  return problems;
}

async function finalLine(dataSource: DataSource, eventId: string): Promise<Map<string, number>> {
  const rows = await dataSource.query<{ id: string; place: number }[]>(
    `SELECT id, row_number() OVER (ORDER BY queue_number)::int AS place
       FROM registration WHERE event_id = $1 AND status = 'waitlisted'`,
    [eventId],
  );
  return new Map(rows.map((r) => [r.id, r.place]));
}

describe('waiting-list places under a rush, through three API processes and the worker', () => {
  let api: TestApi;
  let smtp: TestSmtp;
  let processes: RunningProcess[];
  let ports: number[];

  beforeAll(async () => {
    await resetState();
    smtp = await startSmtpServer();
    const env = { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '1000' };
    api = await startApi(env);
    ports = await Promise.all(Array.from({ length: PROCESSES }, () => freePort()));
    processes = [
      ...ports.map((port) => spawnEntry('main', { ...env, PORT: String(port), HOST: '127.0.0.1' })),
      spawnEntry('worker', env),
    ];
    // Four processes compiling at once on a busy machine can take minutes to start.
    await Promise.all(processes.map((p) => waitForOutput(p, /已启动/, 420_000)));
  }, 480_000);
  afterAll(async () => {
    await Promise.all((processes ?? []).map((p) => p.kill('SIGTERM')));
    await api?.close();
    await smtp?.close();
  }, 120_000);

  function register(eventId: string, i: number): Promise<Answer> {
    return fetch(`http://127.0.0.1:${ports[i % PROCESSES]}/api/events/${eventId}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        acceptPrivacy: true,
        name: `候补者${i}`,
        email: `line${i}@example.cn`,
        mobile: `137${String(i).padStart(8, '0')}`,
        sector: 'industry',
      }),
    }).then(async (response) => {
      if (response.status === 201) return (await response.json()) as Answer;
      // What the process logged about this request, to say why (its log is written a moment later).
      const body = await response.text();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const requestId = /"requestId":"([\w-]+)"/.exec(body)?.[1] ?? '-';
      const logged = processes.flatMap((p) =>
        p
          .output()
          .split('\n')
          .filter((line) => line.includes(requestId)),
      );
      throw new Error(`${response.status} ${body}\n${logged.join('\n')}`);
    });
  }

  it('tells each waitlisted person, in the answer and the e-mail, the place they hold in the final line', async () => {
    const organizer = await signedInOrganizer(api.app);
    const eventId = await createEvent(api.http, organizer, { capacity: CAPACITY });
    // Each process opens its pool's connections first: on a busy machine a new connection can take
    // longer than the pool waits for one, which is not what this test is about.
    const warmUp = await createEvent(api.http, organizer, { title: '预热' });
    await Promise.all(Array.from({ length: 60 }, (_, i) => register(warmUp, PEOPLE + i)));
    const answers = await Promise.all(
      Array.from({ length: PEOPLE }, (_, i) => register(eventId, i)),
    );

    const waiting = answers.filter((a) => a.status === 'waitlisted');
    expect(waiting).toHaveLength(PEOPLE - CAPACITY);
    const line = await finalLine(api.dataSource, eventId);
    expect([...line.values()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: PEOPLE - CAPACITY }, (_, i) => i + 1),
    );
    const inAnswers = new Map(waiting.map((a) => [a.id, a.waitlistPosition ?? 0]));
    expect(placeProblems(inAnswers, line)).toEqual([]);

    // The e-mails, as delivered by the worker: one per waitlisted person, naming their place.
    const idOf = new Map(
      (
        await api.dataSource.query<{ id: string; email: string }[]>(
          'SELECT id, email FROM registration WHERE event_id = $1',
          [eventId],
        )
      ).map((r) => [r.email, r.id]),
    );
    const mails = await eventually(
      async () => {
        const found = smtp.delivered().filter((m) => /候补/.test(m.subject));
        return found.length >= PEOPLE - CAPACITY ? found : undefined;
      },
      `${PEOPLE - CAPACITY} waiting-list e-mails`,
      60_000,
    );
    expect(mails).toHaveLength(PEOPLE - CAPACITY);
    const inMails = new Map(
      mails.map((m) => [idOf.get(m.to) ?? m.to, Number(/排在第\s*(\d+)\s*位/.exec(m.text)?.[1])]),
    );
    expect(placeProblems(inMails, line)).toEqual([]);
  }, 180_000);

  it('finds a stated place that differs from the line, and a place stated twice', () => {
    const line = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    expect(placeProblems(new Map(line), line)).toEqual([]);
    expect(
      placeProblems(
        new Map([
          ['a', 1],
          ['b', 1],
          ['c', 3],
        ]),
        line,
      ),
    ).toEqual(['b: told 1, holds 2']);
  });
});
