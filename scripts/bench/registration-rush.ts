// npm run bench:registration-rush [-- --clients 200 --registrations 6000 --processes 2 --rate 1000 --seconds 10]
//
// N concurrent clients register for one event through the API (several API processes on this
// machine), all confirmed:
//   1. as fast as they can (each client sends its next registration when the last is answered):
//      the most confirmed registrations per second;
//   2. at a steady `--rate` shared by the N clients: p50 and p99 latency at that load;
// then the same statements straight through `pg` with the same number of connections, as the
// ceiling, and the ratio. Commits are durable (synchronous_commit is printed). The bench client
// and the servers share this machine's cores: the client uses node:http, cheaper than fetch.
import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from 'src/config/config';
import { dataSourceOptions } from 'src/database/data-source';
import { Event } from 'src/events/event.entity';
import { EventChanges } from 'src/events/event-changes';
import { Outbox } from 'src/notifications/outbox';
import { newCheckInCode } from 'src/registrations/check-in-code';
import { confirmAtOnce } from 'src/registrations/confirm-at-once';
import { RegistrantMessages } from 'src/registrations/registrant-messages';
import { Registration } from 'src/registrations/registration.entity';
import {
  closedLoop,
  createOpenEvent,
  freePort,
  freshDatabase,
  log,
  option,
  pacedLoop,
  percentile,
  postQuickly,
  startEntry,
} from 'scripts/bench/bench-support';

const CLIENTS = option('clients', 200);
const REGISTRATIONS = option('registrations', 6000);
const PROCESSES = option('processes', 2);
const RATE = option('rate', 1000);
const SECONDS = option('seconds', 10);
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret!';
const POOL_PER_PROCESS = 20; // the DataSource's pool size

/**
 * The ceiling: what one registration sends to PostgreSQL (the event read, then the one statement
 * that seats, inserts and records the messages), straight through `pg`, without HTTP, Nest or
 * TypeORM. The messages are built by the same code from the event read once.
 */
async function registerDirectly(
  pool: Pool,
  event: Event,
  messages: RegistrantMessages,
  i: number,
): Promise<void> {
  await pool.query('SELECT * FROM event WHERE id = $1', [event.id]);
  const row = Object.assign(new Registration(), {
    id: randomUUID(),
    eventId: event.id,
    userId: null,
    name: `直连${i}`,
    email: `direct${i}@bench.local`,
    mobile: '13800138000',
    organizationName: null,
    sector: 'industry',
    status: 'confirmed',
    answers: {},
    locale: 'zh-CN',
    confirmedAt: new Date(),
    checkInCode: newCheckInCode(),
  });
  const statement = confirmAtOnce(event, row, messages.confirmation(event, row));
  // Every shard busy at that moment (rare): try again, as the API's careful path waits for one.
  while ((await pool.query(statement.sql, statement.params)).rowCount !== 1);
}

async function loadEvent(databaseUrl: string, id: string): Promise<Event> {
  const dataSource = await new DataSource(dataSourceOptions({ databaseUrl })).initialize();
  try {
    return await dataSource.getRepository(Event).findOneByOrFail({ id });
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  log(
    `registration-rush: ${CLIENTS} clients, ${REGISTRATIONS} registrations, ${PROCESSES} API processes`,
  );
  log('准备数据库 / preparing a fresh database …');
  const databaseUrl = await freshDatabase('duijie_bench');
  const pool = new Pool({ connectionString: databaseUrl, max: POOL_PER_PROCESS * PROCESSES });
  const { rows } = await pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
  log(`synchronous_commit = ${rows[0].synchronous_commit} (durable commits)`);

  const ports = await Promise.all(Array.from({ length: PROCESSES }, () => freePort()));
  log(`启动 API / starting ${PROCESSES} API processes …`);
  const servers = await Promise.all(
    ports.map((port) =>
      startEntry('main', {
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        REDIS_PREFIX: 'duijie-bench',
        LOG_LEVEL: 'info',
        NODE_ENV: 'production',
        JWT_SECRET,
        SMTP_URL: 'log:',
      }),
    ),
  );
  try {
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    const { eventId } = await createOpenEvent(bases[0], pool);
    const registerOverHttp = async (i: number, prefix: string) => {
      const response = await postQuickly(
        `${bases[i % bases.length]}/api/events/${eventId}/registrations`,
        {
          name: `报名者${i}`,
          email: `${prefix}${i}@bench.local`,
          mobile: `139${String(i).padStart(8, '0')}`,
          sector: 'industry',
        },
      );
      const body = JSON.parse(response.body) as { status?: string };
      if (response.status !== 201 || body.status !== 'confirmed') {
        throw new Error(`registration ${i}: ${response.status} ${JSON.stringify(body)}`);
      }
    };
    log('预热 / warming up …');
    await closedLoop(CLIENTS, CLIENTS * 2, (i) => registerOverHttp(i, 'warm'));

    log('通过 API 报名 / registering through the API …');
    const api = await closedLoop(CLIENTS, REGISTRATIONS, (i) => registerOverHttp(i, 'rush'));
    const apiRate = REGISTRATIONS / api.seconds;

    log(`以 ${RATE}/s 稳定报名 / registering at a steady ${RATE}/s …`);
    const paced = await pacedLoop(CLIENTS, RATE, SECONDS, (i) => registerOverHttp(i, 'paced'));

    log('直连 pg 的上限 / the same writes straight through pg …');
    const { eventId: ceilingEventId } = await createOpenEvent(bases[0], pool);
    const ceilingEvent = await loadEvent(databaseUrl, ceilingEventId);
    const messages = new RegistrantMessages(
      loadConfig({ ...process.env, DATABASE_URL: databaseUrl, JWT_SECRET }),
      new Outbox(),
      new EventChanges(),
    );
    const direct = await closedLoop(CLIENTS, REGISTRATIONS, (i) =>
      registerDirectly(pool, ceilingEvent, messages, i),
    );
    const directRate = REGISTRATIONS / direct.seconds;

    const { rows: check } = await pool.query<{ confirmed: number; taken: number }>(
      `SELECT (SELECT count(*)::int FROM registration WHERE event_id = $1 AND status = 'confirmed') AS confirmed,
              (SELECT sum(taken)::int FROM event_seat_shard WHERE event_id = $1) AS taken`,
      [eventId],
    );
    const ms = (latencies: number[], p: number) => `${percentile(latencies, p).toFixed(1)} ms`;
    const pacedRate = paced.done / paced.seconds;
    log('');
    log(
      `API, flat out:  ${apiRate.toFixed(0)} confirmed/s  p50 ${ms(api.latencies, 50)}  p99 ${ms(api.latencies, 99)}`,
    );
    log(
      `API at ${RATE}/s: ${pacedRate.toFixed(0)} confirmed/s  p50 ${ms(paced.latencies, 50)}  p99 ${ms(paced.latencies, 99)}`,
    );
    log(
      `pg, flat out:   ${directRate.toFixed(0)} confirmed/s  p50 ${ms(direct.latencies, 50)}  p99 ${ms(direct.latencies, 99)}`,
    );
    log(`ratio:          ${(apiRate / directRate).toFixed(2)} (API / pg, flat out)`);
    log(
      `check:          ${check[0].confirmed} confirmed, seat ledger ${check[0].taken} (must be equal)`,
    );
  } finally {
    await Promise.all(servers.map((s) => s.kill('SIGTERM')));
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
