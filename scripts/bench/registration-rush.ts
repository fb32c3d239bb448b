// npm run bench:registration-rush [-- --processes 3 --clients 200 --rush 2000 --seats 500
//                                     --registrations 4000 --rate 400 --seconds 10 --rounds 3]
//
// Registrations through several API processes on this machine, with the worker relaying and
// delivering every message as in production (to an SMTP sink of the bench's own):
//   0. the rush: `--rush` people at once (`--clients` connections) for `--seats` seats. Every
//      waitlisted person's place, in the HTTP answer and in the e-mail the worker delivered, is
//      compared with the final line (1..rush−seats, no gaps, no duplicates); the slowest answers
//      show what the moment the event fills costs;
//   1. through the API as fast as `--clients` connections go (closed loop): confirmed per second;
//   2. the same writes straight through `pg` with as many connections: the event read and the one
//      statement that seats, inserts, records the messages and the privacy-notice consent with its
//      audit entry (built by the same code as the API's), a statement per registration as a plain
//      client sends them, and again grouped as the API groups them; both ratios are printed;
//   3. through the API at an offered `--rate` (open loop: each request is sent when due, answered
//      or not; latency from that moment): the latency at that load.
// The database and the Redis prefix are made for this run and removed after it. Commits are
// durable (synchronous_commit is printed). The rounds repeat 1–3; the medians are printed.
import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from 'src/config/config';
import { dataSourceOptions } from 'src/database/data-source';
import { Tx } from 'src/database/tx';
import { Event } from 'src/events/event.entity';
import { DomainEvents } from 'src/database/domain-events';
import { Outbox } from 'src/notifications/outbox';
import { OutboxAttachments } from 'src/notifications/outbox-attachments';
import { OutboxWake } from 'src/notifications/outbox-wake';
import { newCheckInCode } from 'src/registrations/check-in-code';
import { Batches } from 'src/common/batches';
import { Admittee, confirmAtOnce } from 'src/registrations/admit-at-once';
import { ADMISSION_BATCHES } from 'src/registrations/quick-admission';
import { registrantConsents } from 'src/registrations/registrant-consents';
import { RegistrantMessages } from 'src/registrations/registrant-messages';
import { Registration } from 'src/registrations/registration.entity';
import {
  closedLoop,
  createOpenEvent,
  freePort,
  freshDatabase,
  freshRedisPrefix,
  log,
  median,
  openLoop,
  option,
  percentile,
  sendQuickly,
  startEntry,
  startMailSink,
} from 'scripts/bench/bench-support';

const PROCESSES = option('processes', 3);
const CLIENTS = option('clients', 200);
const RUSH = option('rush', 2000);
const SEATS = option('seats', 500);
const REGISTRATIONS = option('registrations', 4000);
const RATE = option('rate', 400);
const SECONDS = option('seconds', 10);
const ROUNDS = option('rounds', 3);
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret!';
/** The DataSource's pool size: the ceiling gets as many connections as the API processes have. */
const POOL_PER_PROCESS = 20;
/** pg closes a pool's idle connections after 10 s: the API's, before the ceiling takes its own. */
const IDLE_CLOSE_MS = 11_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What one direct client registers: the same row, messages and consents as the API would. */
function directAdmittee(event: Event, messages: RegistrantMessages, i: number): Admittee {
  const row = Object.assign(new Registration(), {
    id: randomUUID(),
    eventId: event.id,
    userId: null,
    name: `直连${i}`,
    email: `direct${i}@bench.local`,
    mobile: `138${String(i).padStart(8, '0')}`,
    organizationName: null,
    sector: 'industry',
    status: 'confirmed',
    answers: {},
    locale: 'zh-CN',
    confirmedAt: new Date(),
    checkInCode: newCheckInCode(),
  });
  return {
    row,
    messages: messages.confirmation(event, row),
    consents: registrantConsents([])(row.id),
  };
}

/** The statement, again for those it left out (every shard busy at that moment: rare). */
async function admitDirectly(pool: Pool, event: Event, admittees: Admittee[]): Promise<void> {
  let waiting = admittees;
  while (waiting.length > 0) {
    const statement = confirmAtOnce(event, waiting);
    const { rows } = await pool.query<{ id: string }>(statement.sql, statement.params);
    const admitted = new Set(rows.map((r) => r.id));
    waiting = waiting.filter((a) => !admitted.has(a.row.id));
  }
}

/**
 * The ceiling: what registering writes to PostgreSQL, straight through `pg`, without HTTP, Nest
 * or TypeORM: the event read, then the statement that seats, inserts, records the messages and
 * the consent to the privacy notice with its audit entry, built by the same code as the API's.
 * One statement per registration, as a plain client sends them.
 */
async function registerDirectly(
  pool: Pool,
  event: Event,
  messages: RegistrantMessages,
  i: number,
): Promise<void> {
  await pool.query('SELECT * FROM event WHERE id = $1', [event.id]);
  await admitDirectly(pool, event, [directAdmittee(event, messages, i)]);
}

/**
 * The same ceiling grouped as the API groups (`ADMISSION_BATCHES` per process, one event read per
 * statement): what the database gives the API's own way of writing, for a fair second ratio.
 */
function groupedDirectly(pool: Pool, event: Event, messages: RegistrantMessages) {
  const batches = new Batches<Admittee, void>(async (admittees) => {
    await pool.query('SELECT * FROM event WHERE id = $1', [event.id]);
    await admitDirectly(pool, event, admittees);
    return admittees.map(() => ({ value: undefined }));
  }, ADMISSION_BATCHES);
  return (i: number) =>
    batches.submit(`process-${i % PROCESSES}`, directAdmittee(event, messages, i));
}

interface Answer {
  id: string;
  status: string;
  waitlistPosition: number | null;
}

async function loadEvent(databaseUrl: string, id: string): Promise<Event> {
  const dataSource = await new DataSource(dataSourceOptions({ databaseUrl })).initialize();
  try {
    return await dataSource.getRepository(Event).findOneByOrFail({ id });
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The moment the last seat went (the last confirmed answer; the first waitlisting when that came
 * earlier) and the answers under way then: how many, and how long the slowest of them took.
 */
function fillMoment(calls: { sent: number; answered: number; status: string }[]): {
  inFlight: number;
  slowest: number;
} {
  const confirmed = calls.filter((c) => c.status === 'confirmed').map((c) => c.answered);
  const waitlisted = calls.filter((c) => c.status === 'waitlisted').map((c) => c.answered);
  const at = Math.min(Math.max(...confirmed), Math.min(...waitlisted));
  const under = calls.filter((c) => c.sent <= at && c.answered >= at);
  return {
    inFlight: under.length,
    slowest: Math.max(0, ...under.map((c) => c.answered - c.sent)),
  };
}

/**
 * The slowest answer under way at each tenth of a second of the rush, as a median: what any moment
 * of a saturated rush costs its slowest person, to compare the moment it filled with.
 */
function slowestAtAnyMoment(calls: { sent: number; answered: number }[]): number {
  const start = Math.min(...calls.map((c) => c.sent));
  const end = Math.max(...calls.map((c) => c.answered));
  const slowest: number[] = [];
  for (let at = start + 100; at < end - 100; at += 100) {
    const under = calls.filter((c) => c.sent <= at && c.answered >= at);
    if (under.length > 0) slowest.push(Math.max(...under.map((c) => c.answered - c.sent)));
  }
  return median(slowest);
}

/** How many of the stated places (id → place) differ from the final line's, and which are missing. */
function wrongPlaces(stated: Map<string, number>, line: Map<string, number>): number {
  let wrong = 0;
  for (const [id, place] of line) if (stated.get(id) !== place) wrong++;
  for (const id of stated.keys()) if (!line.has(id)) wrong++;
  return wrong;
}

async function main(): Promise<void> {
  log(
    `registration-rush: ${PROCESSES} API processes and the worker, ${CLIENTS} clients; ` +
      `rush ${RUSH} into ${SEATS} seats; ${REGISTRATIONS} per flat-out run; ${RATE}/s offered for ${SECONDS} s`,
  );
  log('准备数据库 / preparing a database for this run …');
  const database = await freshDatabase('rush');
  const redis = freshRedisPrefix('rush');
  const sink = await startMailSink((to) => to.startsWith('line'));
  // Its idle connections close within a second, leaving the server's connections to the API.
  const pool = new Pool({
    connectionString: database.url,
    max: POOL_PER_PROCESS * PROCESSES,
    idleTimeoutMillis: 1000,
  });
  const { rows } = await pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
  log(`synchronous_commit = ${rows[0].synchronous_commit} (durable commits)`);

  const env = {
    DATABASE_URL: database.url,
    HOST: '127.0.0.1',
    REDIS_PREFIX: redis.prefix,
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    PUBLIC_URL: 'https://bench.duijie.local',
    JWT_SECRET,
    LINK_TOKEN_SECRET: 'bench-links-bench-links-bench-links-bench!',
    SMTP_URL: sink.url,
    // Every simulated guest comes from this machine's one address.
    GUEST_REGISTRATIONS_PER_ADDRESS: '1000000',
    GUEST_REGISTRATIONS_PER_CONTACT: '1000000',
  };
  const ports = await Promise.all(Array.from({ length: PROCESSES }, () => freePort()));
  log(`启动 / starting ${PROCESSES} API processes and the worker …`);
  const processes = await Promise.all([
    ...ports.map((port) => startEntry('main', { ...env, PORT: String(port) })),
    startEntry('worker', env),
  ]);
  try {
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    const config = loadConfig({ ...process.env, ...env });
    // Only its pure confirmation() is used, to build the messages the API would record: neither
    // the transaction context nor the wake-up is ever used.
    const idle = new Tx(new DataSource(dataSourceOptions({ databaseUrl: database.url })));
    const messages = new RegistrantMessages(
      config,
      new Outbox(idle, null as unknown as OutboxWake),
      idle,
      new DomainEvents(idle),
      new OutboxAttachments(),
    );
    /** Answers 503 (busy: tried again after a second, as a person would) during the whole run. */
    let busyAnswers = 0;
    /** Each registration of the run has a number of its own (one per event and number is allowed). */
    let mobiles = 0;
    const registerOverHttp = async (eventId: string, i: number, prefix: string) => {
      const mobile = `139${String(mobiles++).padStart(8, '0')}`;
      for (;;) {
        const response = await sendQuickly(
          'POST',
          `${bases[i % bases.length]}/api/events/${eventId}/registrations`,
          {
            body: {
              acceptPrivacy: true,
              name: `报名者${i}`,
              email: `${prefix}${i}@bench.local`,
              mobile,
              sector: 'industry',
            },
          },
        );
        const body = JSON.parse(response.body) as Answer;
        if (response.status === 503) {
          busyAnswers++;
          await pause(1000);
          continue;
        }
        if (response.status !== 201) {
          throw new Error(`registration ${i}: ${response.status} ${JSON.stringify(body)}`);
        }
        return body;
      }
    };
    const confirmOverHttp = async (eventId: string, i: number, prefix: string) => {
      const body = await registerOverHttp(eventId, i, prefix);
      if (body.status !== 'confirmed') throw new Error(`registration ${i}: ${body.status}`);
    };
    const warmup = await createOpenEvent(bases[0], pool);
    log('预热 / warming up …');
    await closedLoop(CLIENTS, CLIENTS * 2, (i) => confirmOverHttp(warmup.eventId, i, 'warm'));

    log(`抢报 / the rush: ${RUSH} people at once for ${SEATS} seats …`);
    const rushEvent = await createOpenEvent(bases[0], pool, { capacity: SEATS });
    const answers: Answer[] = [];
    /** When each rush call was sent and answered (ms), and how: to find the moment the event filled. */
    const calls: { sent: number; answered: number; status: string }[] = [];
    const rush = await closedLoop(CLIENTS, RUSH, async (i) => {
      const sent = performance.now();
      const answer = await registerOverHttp(rushEvent.eventId, i, 'line');
      calls.push({ sent, answered: performance.now(), status: answer.status });
      answers.push(answer);
    });
    const fill = fillMoment(calls);
    const { rows: lineRows } = await pool.query<{ id: string; place: number }>(
      `SELECT id, row_number() OVER (ORDER BY queue_number)::int AS place
         FROM registration WHERE event_id = $1 AND status = 'waitlisted'`,
      [rushEvent.eventId],
    );
    const line = new Map(lineRows.map((r) => [r.id, r.place]));
    const waitlisted = answers.filter((a) => a.status === 'waitlisted');
    const inAnswers = new Map(waitlisted.map((a) => [a.id, a.waitlistPosition ?? 0]));
    const emailOf = new Map(
      (
        await pool.query<{ id: string; email: string }>(
          'SELECT id, email FROM registration WHERE event_id = $1',
          [rushEvent.eventId],
        )
      ).rows.map((r) => [r.email, r.id]),
    );
    const deadline = Date.now() + 300_000;
    while (sink.keptCount() < RUSH && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const mails = (await sink.kept()).filter((m) => /候补/.test(m.subject));
    const inMails = new Map(
      mails.map((m) => [
        emailOf.get(m.to) ?? m.to,
        Number(/排在第\s*(\d+)\s*位/.exec(m.text)?.[1] ?? 0),
      ]),
    );
    const rushFigures = {
      confirmed: answers.filter((a) => a.status === 'confirmed').length,
      waiting: line.size,
      lineIsWhole: [...line.values()].every((place, i, all) => place === i + 1 && all.length > 0),
      wrongInAnswers: wrongPlaces(inAnswers, line),
      wrongInMails: wrongPlaces(inMails, line),
      mails: mails.length,
      p99: percentile(rush.latencies, 99),
      slowest: rush.latencies[rush.latencies.length - 1],
      overASecond: rush.latencies.filter((ms) => ms > 1000).length,
      busy: busyAnswers,
      rate: RUSH / rush.seconds,
      median: percentile(rush.latencies, 50),
      fill,
    };
    log(
      `  ${rushFigures.confirmed} confirmed, ${rushFigures.waiting} waiting; wrong places: ` +
        `${rushFigures.wrongInAnswers} in answers, ${rushFigures.wrongInMails} in ${rushFigures.mails} e-mails; ` +
        `slowest answer ${rushFigures.slowest.toFixed(0)} ms (p99 ${rushFigures.p99.toFixed(0)} ms, ` +
        `${rushFigures.overASecond} over a second, ${rushFigures.busy} answered 503 and tried again)`,
    );
    // With CLIENTS people waiting on a machine that answers R a second, each waits CLIENTS / R on
    // average whatever the fill does (Little's law): what the fill itself costs is how much longer
    // the answers under way at that moment took than the rush's median.
    log(
      `  the moment the event filled: ${fill.inFlight} answers under way, the slowest ` +
        `${fill.slowest.toFixed(0)} ms against the rush's median ${rushFigures.median.toFixed(0)} ms: ` +
        `the fill cost at most ${Math.max(0, fill.slowest - rushFigures.median).toFixed(0)} ms`,
    );
    // A saturated rush has a long tail at every moment; what the fill adds is its slowest answer
    // beyond the slowest answer under way at a typical moment of the same rush.
    const typical = slowestAtAnyMoment(calls);
    log(
      `  the slowest answer under way at a typical moment of the rush: ${typical.toFixed(0)} ms; ` +
        `the fill added ${Math.max(0, fill.slowest - typical).toFixed(0)} ms to it`,
    );

    interface Round {
      api: number;
      direct: number;
      grouped: number;
      apiP99: number;
      open: Awaited<ReturnType<typeof openLoop>>;
    }
    const rounds: Round[] = [];
    const events = [rushEvent.eventId];
    for (let round = 1; round <= ROUNDS; round++) {
      const { eventId } = await createOpenEvent(bases[0], pool);
      log(`第 ${round}/${ROUNDS} 轮 / round ${round} of ${ROUNDS}: through the API, flat out …`);
      const api = await closedLoop(CLIENTS, REGISTRATIONS, (i) =>
        confirmOverHttp(eventId, i, `r${round}-`),
      );
      log('  the same writes straight through pg …');
      const { eventId: ceilingEventId } = await createOpenEvent(bases[0], pool);
      const ceilingEvent = await loadEvent(database.url, ceilingEventId);
      await pause(IDLE_CLOSE_MS); // the API's idle connections close: the server has room
      const direct = await closedLoop(CLIENTS, REGISTRATIONS, (i) =>
        registerDirectly(pool, ceilingEvent, messages, round * 1_000_000 + i),
      );
      await pause(2000);
      log('  the same writes through pg, grouped as the API groups them …');
      const { eventId: groupedEventId } = await createOpenEvent(bases[0], pool);
      const groupedEvent = await loadEvent(database.url, groupedEventId);
      const registerGrouped = groupedDirectly(pool, groupedEvent, messages);
      const grouped = await closedLoop(CLIENTS, REGISTRATIONS, (i) =>
        registerGrouped(round * 1_000_000 + 500_000 + i),
      );
      await pause(2000);
      log(`  through the API at an offered ${RATE}/s (open loop) …`);
      const open = await openLoop(RATE, SECONDS, (i) => confirmOverHttp(eventId, i, `o${round}-`));
      events.push(eventId, ceilingEventId, groupedEventId);
      rounds.push({
        api: REGISTRATIONS / api.seconds,
        direct: REGISTRATIONS / direct.seconds,
        grouped: REGISTRATIONS / grouped.seconds,
        apiP99: percentile(api.latencies, 99),
        open,
      });
      const last = rounds[rounds.length - 1];
      log(
        `  API ${last.api.toFixed(0)}/s, pg ${last.direct.toFixed(0)}/s (ratio ${(last.api / last.direct).toFixed(2)}), ` +
          `pg grouped ${last.grouped.toFixed(0)}/s (ratio ${(last.api / last.grouped).toFixed(2)}); ` +
          `offered ${open.offered.toFixed(0)}/s: p50 ${percentile(open.latencies, 50).toFixed(0)} ms, ` +
          `p99 ${percentile(open.latencies, 99).toFixed(0)} ms, ${open.failed} failed`,
      );
    }

    const { rows: check } = await pool.query<{ confirmed: number; taken: number }>(
      `SELECT (SELECT count(*)::int FROM registration WHERE event_id = ANY($1) AND status = 'confirmed') AS confirmed,
              (SELECT sum(taken)::int FROM event_seat_shard WHERE event_id = ANY($1)) AS taken`,
      [events],
    );
    const { rows: outbox } = await pool.query<{ rows: number; mb: number; per: number }>(
      `SELECT count(*)::int AS rows, pg_total_relation_size('outbox_message') / 1048576.0 AS mb,
              count(*)::float / (SELECT count(*) FROM registration) AS per
         FROM outbox_message`,
    );
    const m = (f: (r: Round) => number) => median(rounds.map(f));
    log('');
    log(
      `${PROCESSES} API processes and the worker, ${CLIENTS} clients, medians of ${ROUNDS} rounds:`,
    );
    log(
      `rush:            ${RUSH} into ${SEATS}: ${rushFigures.confirmed} confirmed, ${rushFigures.waiting} waiting, ` +
        `${rushFigures.rate.toFixed(0)}/s; slowest answer ${rushFigures.slowest.toFixed(0)} ms`,
    );
    log(
      `places:          ${rushFigures.wrongInAnswers} wrong in ${waitlisted.length} answers, ` +
        `${rushFigures.wrongInMails} wrong in ${rushFigures.mails} e-mails; line 1..${line.size} ` +
        `${rushFigures.lineIsWhole ? 'whole' : 'BROKEN'} (must be 0, 0, whole)`,
    );
    log(
      `API, flat out:   ${m((r) => r.api).toFixed(0)} confirmed/s (p99 ${m((r) => r.apiP99).toFixed(0)} ms)`,
    );
    log(
      `pg, flat out:    ${m((r) => r.direct).toFixed(0)} confirmed/s (the same writes, a statement each)`,
    );
    log(
      `pg, grouped:     ${m((r) => r.grouped).toFixed(0)} confirmed/s (the same writes, grouped as the API groups them)`,
    );
    log(`ratio:           ${m((r) => r.api / r.direct).toFixed(2)} (API / pg, flat out)`);
    log(`ratio, grouped:  ${m((r) => r.api / r.grouped).toFixed(2)} (API / pg grouped alike)`);
    log(
      `API, open loop:  offered ${m((r) => r.open.offered).toFixed(0)}/s, answered ${m((r) => r.open.answered).toFixed(0)}/s, ` +
        `p50 ${m((r) => percentile(r.open.latencies, 50)).toFixed(0)} ms, p99 ${m((r) => percentile(r.open.latencies, 99)).toFixed(0)} ms ` +
        `from the intended send, ${m((r) => r.open.failed)} failed${rounds[0]?.open.firstError ? ` (${rounds[0].open.firstError})` : ''}, generator late by ≤ ${m((r) => r.open.worstSendLag).toFixed(0)} ms`,
    );
    log(
      `outbox:          ${outbox[0].rows} rows (${outbox[0].per.toFixed(2)} per registration), ${Number(outbox[0].mb).toFixed(1)} MB`,
    );
    log(
      `check:           ${check[0].confirmed} confirmed, seat ledger ${check[0].taken} (must be equal)`,
    );
    const exact =
      rushFigures.wrongInAnswers === 0 &&
      rushFigures.wrongInMails === 0 &&
      rushFigures.lineIsWhole &&
      rushFigures.mails === RUSH - SEATS &&
      check[0].confirmed === check[0].taken;
    if (!exact) process.exitCode = 1;
  } finally {
    await Promise.all(processes.map((p) => p.kill('SIGTERM')));
    await pool.end();
    await sink.close();
    await database.drop();
    await redis.flush();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
