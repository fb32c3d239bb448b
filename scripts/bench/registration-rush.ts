// npm run bench:registration-rush [-- --clients 200 --registrations 6000 --processes 2 --rate 1000 --seconds 10]
//
// N concurrent clients register for one event through the API (several API processes on this
// machine), all confirmed:
//   1. as fast as they can (each client sends its next registration when the last is answered):
//      the most confirmed registrations per second;
//   2. at a steady `--rate` shared by the N clients: p50 and p99 latency at that load;
// then the same database writes straight through `pg` with the same number of connections, as
// the ceiling, and the ratio. Commits are durable (synchronous_commit is printed).
import { Pool } from 'pg';
import { newCheckInCode } from 'src/registrations/check-in-code';
import {
  closedLoop,
  createOpenEvent,
  freePort,
  freshDatabase,
  log,
  pacedLoop,
  percentile,
  startEntry,
} from 'scripts/bench/bench-support';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const CLIENTS = option('clients', 200);
const REGISTRATIONS = option('registrations', 6000);
const PROCESSES = option('processes', 2);
const RATE = option('rate', 1000);
const SECONDS = option('seconds', 10);
const POOL_PER_PROCESS = 20; // the DataSource's pool size

/** The writes one registration makes, without HTTP, Nest or TypeORM: the ceiling. */
async function registerDirectly(pool: Pool, eventId: string, i: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const claimed = await client.query(
      `UPDATE event_seat_shard SET taken = taken + 1
        WHERE event_id = $1 AND taken < capacity AND shard = (
          SELECT shard FROM event_seat_shard WHERE event_id = $1 AND taken < capacity
           ORDER BY (shard + $2) % 16 LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING shard`,
      [eventId, i % 16],
    );
    // As the seat ledger does: when every shard is busy, wait for one.
    for (let shard = i % 16; claimed.rowCount !== 1; shard = (shard + 1) % 16) {
      const waited = await client.query(
        'UPDATE event_seat_shard SET taken = taken + 1 WHERE event_id = $1 AND shard = $2 AND taken < capacity',
        [eventId, shard],
      );
      if (waited.rowCount === 1) break;
    }
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO registration (event_id, name, email, mobile, sector, status, answers, locale, confirmed_at, check_in_code)
       VALUES ($1, $2, $3, $4, 'industry', 'confirmed', '{}', 'zh-CN', now(), $5) RETURNING id`,
      [eventId, `直连${i}`, `direct${i}@bench.local`, '13800138000', newCheckInCode()],
    );
    await client.query(
      `INSERT INTO outbox_message (idempotency_key, channel, template, locale, recipient, data)
       VALUES ($1, 'email', 'registration-confirmed', 'zh-CN', $2, $3) ON CONFLICT DO NOTHING`,
      [
        `registration:${rows[0].id}:confirmed`,
        `direct${i}@bench.local`,
        JSON.stringify({ name: `直连${i}` }),
      ],
    );
    await client.query('NOTIFY outbox_message');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
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
        JWT_SECRET: 'bench-secret-bench-secret-bench-secret!',
        SMTP_URL: 'log:',
      }),
    ),
  );
  try {
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    const { eventId } = await createOpenEvent(bases[0], pool);
    const registerOverHttp = async (i: number, prefix: string) => {
      const response = await fetch(
        `${bases[i % bases.length]}/api/events/${eventId}/registrations`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            name: `报名者${i}`,
            email: `${prefix}${i}@bench.local`,
            mobile: `139${String(i).padStart(8, '0')}`,
            sector: 'industry',
          }),
        },
      );
      const body = (await response.json()) as { status?: string };
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
    const { eventId: ceilingEvent } = await createOpenEvent(bases[0], pool);
    const direct = await closedLoop(CLIENTS, REGISTRATIONS, (i) =>
      registerDirectly(pool, ceilingEvent, i),
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
