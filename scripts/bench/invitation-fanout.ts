// npm run bench:invitation-fanout [-- --invitations 10000 --rounds 5]
//
// 10,000 invitations accepted by the API in one request, recorded in the outbox, relayed into
// BullMQ by a worker process and delivered to a local SMTP server. Prints the time to enqueue
// (the API's answer, with every message durably recorded; target under 1 s), the time until all
// are queued in Redis, and the time until the SMTP server has them all. Each round invites to a
// new event; the medians of the rounds are printed, this machine's noise in mind.
import { Pool } from 'pg';
import { SMTPServer } from 'smtp-server';
import { AddressInfo } from 'node:net';
import {
  createOpenEvent,
  freePort,
  freshDatabase,
  freshRedisPrefix,
  log,
  option,
  median,
  postJson,
  startEntry,
  PRODUCTION_ENV,
} from 'scripts/bench/bench-support';

const INVITATIONS = option('invitations', 10_000);
const ROUNDS = option('rounds', 5);

async function main(): Promise<void> {
  log(`invitation-fanout: ${INVITATIONS} invitations`);
  log('准备数据库 / preparing a fresh database …');
  const database = await freshDatabase('fanout');
  const databaseUrl = database.url;
  const redis = freshRedisPrefix('fanout');
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });

  let received = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

  const port = await freePort();
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: redis.prefix,
    ...PRODUCTION_ENV,
    LINK_TOKEN_SECRET: 'bench-links-bench-links-bench-links-bench!',
    SMTP_URL: smtpUrl,
    LOG_LEVEL: 'info',
    QUEUE_CONCURRENCY: '50',
  };
  log('启动 API 与 worker / starting the API and a worker …');
  const api = await startEntry('main', { ...env, PORT: String(port), HOST: '127.0.0.1' });
  const worker = await startEntry('worker', env);
  try {
    const base = `http://127.0.0.1:${port}`;
    const rounds: { enqueued: number; queued: number; delivered: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const { eventId, token } = await createOpenEvent(base, pool, {
        visibility: 'invite_only',
        title: `万人邀请 ${round}`,
      });
      const invitees = Array.from({ length: INVITATIONS }, (_, n) => ({
        name: `嘉宾${n}`,
        email: `fanout${n}@bench.local`,
        sector: 'industry',
      }));
      const receivedBefore = received;
      log(`第 ${round}/${ROUNDS} 轮 / round ${round} of ${ROUNDS}: inviting …`);
      const started = Date.now();
      const result = await postJson<{ invited: number }>(
        base,
        `/api/events/${eventId}/invitations`,
        { invitees },
        token,
      );
      const enqueued = (Date.now() - started) / 1000;
      if (result.invited !== INVITATIONS) throw new Error(`invited ${result.invited}`);

      let queued = NaN;
      for (;;) {
        const { rows } = await pool.query<{ waiting: number }>(
          "SELECT count(*)::int AS waiting FROM outbox_message WHERE template = 'invitation' AND status = 'pending'",
        );
        if (Number.isNaN(queued) && rows[0].waiting === 0) queued = (Date.now() - started) / 1000;
        if (received - receivedBefore >= INVITATIONS) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const delivered = (Date.now() - started) / 1000;
      log(
        `  recorded ${enqueued.toFixed(2)} s, queued ${queued.toFixed(2)} s, delivered ${delivered.toFixed(2)} s`,
      );
      rounds.push({ enqueued, queued, delivered });
    }
    const enqueued = median(rounds.map((r) => r.enqueued));
    const delivered = median(rounds.map((r) => r.delivered));
    log('');
    log(`medians of ${ROUNDS} rounds of ${INVITATIONS} invitations:`);
    log(
      `accepted and recorded: ${enqueued.toFixed(2)} s  (${(INVITATIONS / enqueued).toFixed(0)} invitations/s; target under 1 s)`,
    );
    log(
      `queued in BullMQ:      ${median(rounds.map((r) => r.queued)).toFixed(2)} s after the request`,
    );
    log(
      `delivered by SMTP:     ${delivered.toFixed(2)} s after the request  (${(INVITATIONS / delivered).toFixed(0)} messages/s)`,
    );
  } finally {
    await Promise.all([api.kill('SIGTERM'), worker.kill('SIGTERM')]);
    await pool.end();
    await database.drop();
    await redis.flush();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
