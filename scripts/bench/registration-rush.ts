// npm run bench:registration-rush [-- --clients 200 --registrations 6000 --processes 2 --rate 1000 --seconds 10 --rounds 3]
//
// N concurrent clients register for one event through the API (several API processes on this
// machine), all confirmed:
//   1. as fast as they can (each client sends its next registration when the last is answered):
//      the most confirmed registrations per second;
//   2. at a steady `--rate` shared by the N clients: p50 and p99 latency at that load;
// then the same statements straight through `pg` with the same number of connections, as the
// ceiling, and the ratio. Commits are durable (synchronous_commit is printed). The bench client
// and the servers share this machine's cores: the client uses node:http, cheaper than fetch. The
// rounds repeat all three; the medians are printed, this machine's noise in mind.
import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from 'src/config/config';
import { dataSourceOptions } from 'src/database/data-source';
import { Tx } from 'src/database/tx';
import { Event } from 'src/events/event.entity';
import { DomainEvents } from 'src/database/domain-events';
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
  median,
  option,
  pacedLoop,
  percentile,
  sendQuickly,
  startEntry,
} from 'scripts/bench/bench-support';

const CLIENTS = option('clients', 200);
const REGISTRATIONS = option('registrations', 6000);
const PROCESSES = option('processes', 2);
const RATE = option('rate', 1000);
const SECONDS = option('seconds', 10);
const ROUNDS = option('rounds', 3);
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

interface Figures {
  rate: number;
  p50: number;
  p99: number;
}
interface Round {
  api: Figures;
  paced: Figures;
  direct: Figures;
}

function figures(done: number, run: { latencies: number[]; seconds: number }): Figures {
  return {
    rate: done / run.seconds,
    p50: percentile(run.latencies, 50),
    p99: percentile(run.latencies, 99),
  };
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
    const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, JWT_SECRET });
    // Only its pure confirmation() is used, to build the messages the API would record: the
    // transaction context is never asked for a connection.
    const idle = new Tx(new DataSource(dataSourceOptions({ databaseUrl })));
    const messages = new RegistrantMessages(config, new Outbox(idle), idle, new DomainEvents(idle));
    const registerOverHttp = async (eventId: string, i: number, prefix: string) => {
      const response = await sendQuickly(
        'POST',
        `${bases[i % bases.length]}/api/events/${eventId}/registrations`,
        {
          body: {
            acceptPrivacy: true,
            name: `报名者${i}`,
            email: `${prefix}${i}@bench.local`,
            mobile: `139${String(i).padStart(8, '0')}`,
            sector: 'industry',
          },
        },
      );
      const body = JSON.parse(response.body) as { status?: string };
      if (response.status !== 201 || body.status !== 'confirmed') {
        throw new Error(`registration ${i}: ${response.status} ${JSON.stringify(body)}`);
      }
    };
    const warmup = await createOpenEvent(bases[0], pool);
    log('预热 / warming up …');
    await closedLoop(CLIENTS, CLIENTS * 2, (i) => registerOverHttp(warmup.eventId, i, 'warm'));

    const rounds: Round[] = [];
    const events: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const { eventId } = await createOpenEvent(bases[0], pool);
      log(`第 ${round}/${ROUNDS} 轮 / round ${round} of ${ROUNDS}: through the API, flat out …`);
      const api = await closedLoop(CLIENTS, REGISTRATIONS, (i) =>
        registerOverHttp(eventId, i, 'rush'),
      );
      log(`  through the API at a steady ${RATE}/s …`);
      const paced = await pacedLoop(CLIENTS, RATE, SECONDS, (i) =>
        registerOverHttp(eventId, i, 'paced'),
      );
      log('  the same statements straight through pg …');
      const { eventId: ceilingEventId } = await createOpenEvent(bases[0], pool);
      const ceilingEvent = await loadEvent(databaseUrl, ceilingEventId);
      const direct = await closedLoop(CLIENTS, REGISTRATIONS, (i) =>
        registerDirectly(pool, ceilingEvent, messages, i),
      );
      events.push(eventId, ceilingEventId);
      rounds.push({
        api: figures(REGISTRATIONS, api),
        paced: figures(paced.done, paced),
        direct: figures(REGISTRATIONS, direct),
      });
      const last = rounds[rounds.length - 1];
      log(
        `  API ${last.api.rate.toFixed(0)}/s (p99 ${last.api.p99.toFixed(0)} ms), at ${RATE}/s p99 ${last.paced.p99.toFixed(0)} ms, pg ${last.direct.rate.toFixed(0)}/s`,
      );
    }

    const { rows: check } = await pool.query<{ confirmed: number; taken: number }>(
      `SELECT (SELECT count(*)::int FROM registration WHERE event_id = ANY($1) AND status = 'confirmed') AS confirmed,
              (SELECT sum(taken)::int FROM event_seat_shard WHERE event_id = ANY($1)) AS taken`,
      [events],
    );
    const line = (name: string, pick: (r: Round) => Figures) => {
      const m = (f: (x: Figures) => number) => median(rounds.map((r) => f(pick(r)))).toFixed(0);
      return `${name} ${m((x) => x.rate)} confirmed/s  p50 ${m((x) => x.p50)} ms  p99 ${m((x) => x.p99)} ms`;
    };
    log('');
    log(`medians of ${ROUNDS} rounds, ${CLIENTS} clients, ${PROCESSES} API processes:`);
    log(line('API, flat out:  ', (r) => r.api));
    log(line(`API at ${RATE}/s: `, (r) => r.paced));
    log(line('pg, flat out:   ', (r) => r.direct));
    const ratio = median(rounds.map((r) => r.api.rate / r.direct.rate));
    log(`ratio:           ${ratio.toFixed(2)} (API / pg, flat out)`);
    log(
      `check:           ${check[0].confirmed} confirmed, seat ledger ${check[0].taken} (must be equal)`,
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
