import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from 'src/database/data-source';
import {
  createDatabase,
  missingFaultServices,
  startPostgres,
  startRedis,
  TcpProxy,
  ThrowawayPostgres,
  ThrowawayRedis,
} from 'test/support/fault-services';
import { query, reckon, Reckoning, Window, windowAt, windowOf } from 'test/support/fault-ledger';
import { createEvent, createOrganization, createUser, PASSWORD } from 'test/support/factories';
import {
  compileOnce,
  freePort,
  RunningProcess,
  spawnEntry,
  waitForOutput,
} from 'test/support/processes';
import { startSmtpServer, TestSmtp } from 'test/support/smtp';
import { describeUnless } from 'test/support/skips';
import { Attempt, SteadyLoad } from 'test/support/steady-load';

/**
 * Two API processes and a worker, on a PostgreSQL cluster and a Redis server of the test's own,
 * under a steady load of guest registrations, invitations and check-ins. One fault after another:
 * the worker killed, an API process killed, Redis restarted, Redis emptied, PostgreSQL restarted,
 * the network to PostgreSQL cut for 10 s. The test restarts only what it killed, as a supervisor
 * would; everything else must serve again by itself. Then every answer the clients got is held
 * against the database and the mail server: nothing acknowledged lost or doubled, no message
 * written or accepted twice, no seat overbooked. The figures per fault are printed.
 */
const ROOT = join(__dirname, '..', '..');
const CAPACITY = 300;
const RATES = { register: 5, invite: 3, 'check-in': 3 };
/** Short leases and requeues so the suite is quick; the lease still outlasts the 10 s cut. */
const FAST = {
  OUTBOX_POLL_MS: '200',
  OUTBOX_LEASE_SECONDS: '15',
  OUTBOX_REQUEUE_SECONDS: '5',
  QUEUE_LOCK_SECONDS: '5',
  QUEUE_CONCURRENCY: '10',
};
const SETTLE_TIMEOUT_MS = 240_000;
/** ts-node compiles each process's sources at start: slow on a busy 2-core machine. */
const START_TIMEOUT_MS = 180_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Figures {
  fault: string;
  requests: number;
  errors: number;
  /** Connections the killed process refused while it was down (the client went to the other). */
  refused: number;
  recoveryMs: number | null;
  lastErrorMs: number | null;
  deliveryMs: number | null;
  settledMs: number;
}

describeUnless(
  missingFaultServices(),
  'faults.e2e-spec.ts',
  'apt-get install postgresql-15 redis-server (or PG_BIN=<the folder of initdb and pg_ctl>)',
)('faults under a steady load', () => {
  let pg: ThrowawayPostgres;
  let redis: ThrowawayRedis;
  let proxy: TcpProxy;
  let smtp: TestSmtp;
  let databaseUrl: string;
  let env: Record<string, string>;
  /** The application compiled once: five process starts cost less than ts-node's five compiles. */
  let compiled: string;
  let apiUrls: string[];
  const apis: RunningProcess[] = [];
  let worker: RunningProcess;
  let organizerToken: string;
  let ids: { registrationEvent: string; invitationEvent: string; capacity: number };
  let load: SteadyLoad | undefined;
  /** A restart the supervisor began that failed: the process never said it started. */
  let restartFailure: Error | undefined;
  const supervise = (starting: Promise<void>) => {
    starting.catch((error: Error) => (restartFailure = error));
  };

  const startApiProcess = async (i: number) => {
    const started = Date.now();
    apis[i] = spawnEntry('main', { ...env, PORT: new URL(apiUrls[i]).port }, compiled);
    await waitForOutput(apis[i], /API 已启动/, START_TIMEOUT_MS);
    process.stdout.write(`API ${i} started in ${Date.now() - started} ms\n`);
  };
  const startWorkerProcess = async () => {
    const started = Date.now();
    worker = spawnEntry('worker', env, compiled);
    await waitForOutput(worker, /worker 已启动/, START_TIMEOUT_MS);
    process.stdout.write(`worker started in ${Date.now() - started} ms\n`);
  };

  beforeAll(async () => {
    compiled = compileOnce('faults-build');
    pg = await startPostgres();
    await createDatabase(pg.url('postgres'), 'duijie');
    databaseUrl = pg.url('duijie');
    // The real migrations, through the TypeORM CLI on the compiled DataSource.
    const migrated = spawnSync(
      process.execPath,
      [
        require.resolve('typeorm/cli.js', { paths: [ROOT] }),
        'migration:run',
        '-d',
        join(compiled, 'src', 'database', 'cli-data-source.js'),
      ],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl, NODE_PATH: compiled },
        encoding: 'utf8',
      },
    );
    if (migrated.status !== 0) throw new Error(`migrations: ${migrated.stdout}${migrated.stderr}`);
    redis = await startRedis();
    smtp = await startSmtpServer();
    proxy = new TcpProxy(pg.port);
    await proxy.start();
    env = {
      ...FAST,
      DATABASE_URL: `postgres://postgres@127.0.0.1:${proxy.port}/duijie`,
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'duijie-faults',
      SMTP_URL: smtp.url,
      HOST: '127.0.0.1',
      LIVE_WORKERS: '1',
      LOG_LEVEL: 'info',
    };
    apiUrls = [`http://127.0.0.1:${await freePort()}`, `http://127.0.0.1:${await freePort()}`];
    await Promise.all([startApiProcess(0), startApiProcess(1), startWorkerProcess()]);

    const dataSource = new DataSource(dataSourceOptions({ databaseUrl }));
    await dataSource.initialize();
    const user = await createUser(dataSource, { roles: ['organizer'] });
    const organization = await createOrganization(dataSource, user);
    await dataSource.destroy();
    const http = supertest(apiUrls[0]);
    const login = await http
      .post('/api/auth/login')
      .send({ email: user.email, password: PASSWORD })
      .expect(200);
    organizerToken = (login.body as { token: string }).token;
    const organizer = { token: organizerToken, organization };
    ids = {
      capacity: CAPACITY,
      registrationEvent: await createEvent(http, organizer, {
        title: '故障演练·报名',
        capacity: CAPACITY,
      }),
      invitationEvent: await createEvent(http, organizer, {
        title: '故障演练·邀请',
        visibility: 'invite_only',
      }),
    };
  }, 2 * START_TIMEOUT_MS);

  afterAll(async () => {
    await load?.stop(true);
    await Promise.all([...apis, worker].map((p) => p?.kill('SIGKILL')));
    await proxy?.close();
    await redis?.stop();
    await smtp?.close();
    pg?.destroy();
  });

  it('loses and doubles nothing, overbooks nobody, and every process serves again', async () => {
    const steady = new SteadyLoad({ apis: apiUrls, organizerToken, ...ids }, RATES);
    load = steady;
    const windows: Window[] = [];
    const settled: number[] = [];
    const figures: Figures[] = [];
    const killed = new Set<RunningProcess>();

    /** Inflicts the fault; resolves when it is undone (the moment recovery is measured from). */
    const faults: { name: string; inflict: () => Promise<void>; api?: number }[] = [
      {
        name: 'worker killed / worker 被杀',
        inflict: async () => {
          killed.add(worker);
          await worker.kill('SIGKILL');
          await sleep(1000);
          supervise(startWorkerProcess()); // the supervisor does not wait for it
        },
      },
      {
        name: 'API killed / API 进程被杀',
        api: 1,
        inflict: async () => {
          killed.add(apis[1]);
          await apis[1].kill('SIGKILL');
          await sleep(3000);
          supervise(startApiProcess(1));
        },
      },
      { name: 'Redis restarted / Redis 重启', inflict: () => redis.restart(2000) },
      { name: 'Redis emptied / Redis 清空', inflict: () => redis.flushAll() },
      {
        name: 'PostgreSQL restarted / PostgreSQL 重启',
        inflict: async () => {
          pg.stop('fast');
          await sleep(2000);
          pg.start();
        },
      },
      {
        name: 'network to PostgreSQL cut 10 s / 数据库网络中断 10 秒',
        inflict: async () => {
          proxy.cut();
          await sleep(10_000);
          proxy.restore();
        },
      },
    ];

    load.start();
    await sleep(4000);
    for (const fault of faults) {
      const start = Date.now();
      await fault.inflict();
      const window = { name: fault.name, start, end: Date.now() };
      windows.push(window);
      const settledAt = await settle(window, load);
      settled.push(settledAt);
      figures.push(measure(window, settledAt, load, fault.api));
      expect(survivors(killed)).toEqual([]);
      await sleep(2000);
    }
    // On a quick machine the faults pass before the event is full: the load runs on until it is, so
    // the last seats and the waiting list are contested too.
    const registrations = () => steady.operations.filter((o) => o.kind === 'register').length;
    const fillBy = Date.now() + 180_000;
    while (registrations() <= CAPACITY && Date.now() < fillBy) await sleep(1000);
    await load.stop();
    await drained();

    const { byWindow, problems } = await reckon(
      databaseUrl,
      load,
      smtp.received,
      ids,
      (operation) => windowOf(operation, windows, settled),
      (time) => windowAt(time, windows, settled),
    );
    report(figures, byWindow, load);
    expect(problems).toEqual([]);
    // Nothing acknowledged lost or doubled. The one copy that may be sent twice is a message whose
    // sender was killed after the mail server accepted it and before the row said so: the new
    // worker sends it again under the same Message-ID, by which the receiving side knows it.
    const killedSender = faults[0].name;
    const unexpected = [...byWindow.entries()].filter(
      ([window, r]) =>
        r.lost > 0 ||
        r.doubled > 0 ||
        (r.mailDoubled > 0 &&
          (window !== killedSender || r.mailDoubled > Number(FAST.QUEUE_CONCURRENCY))),
    );
    expect(unexpected).toEqual([]);
    expect(registrations()).toBeGreaterThan(CAPACITY);
    expect(survivors(killed)).toEqual([]);
  }, 600_000);

  /** Processes that exited though the test did not kill them. */
  function survivors(killed: Set<RunningProcess>): string[] {
    return [...apis, worker]
      .filter((p) => !killed.has(p) && p.child.exitCode !== null)
      .map((p) => `exited ${p.child.exitCode}: ${p.output().slice(-2000)}`);
  }

  /**
   * Waits until the platform is whole again: every API's /health answers 200 and has served a
   * request of the load since the fault ended, and every message due before then is delivered.
   */
  async function settle(window: Window, load: SteadyLoad): Promise<number> {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    for (;;) {
      if (restartFailure) throw restartFailure;
      const healthy = await Promise.all(
        apiUrls.map((url) =>
          fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })
            .then((r) => r.status === 200)
            .catch(() => false),
        ),
      );
      const served = apiUrls.map((_, i) =>
        load.attempts.some((a) => a.api === i && a.ok && a.startedAt >= window.end),
      );
      const backlog = await query<{ n: number }>(
        databaseUrl,
        `SELECT count(*)::int AS n FROM outbox_message
          WHERE status <> 'delivered' AND available_at <= now() AND created_at <= $1`,
        [new Date(window.end)],
      ).catch(() => [{ n: -1 }]);
      if (healthy.every(Boolean) && served.every(Boolean) && backlog[0].n === 0) return Date.now();
      if (Date.now() > deadline) {
        const stuck = await query(
          databaseUrl,
          `SELECT id, status, attempts, last_error, enqueued_at, lease_until FROM outbox_message
            WHERE status <> 'delivered' AND available_at <= now() LIMIT 5`,
        );
        throw new Error(
          `${window.name}: not whole after ${SETTLE_TIMEOUT_MS} ms (health ${healthy.join()}, served ${served.join()}, backlog ${backlog[0].n})\n` +
            `${JSON.stringify(stuck)}\nworker: ${worker.output().slice(-3000)}`,
        );
      }
      await sleep(250);
    }
  }

  /** Waits until every message due is delivered (the load has stopped). */
  async function drained(): Promise<void> {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    for (;;) {
      const [{ n }] = await query<{ n: number }>(
        databaseUrl,
        `SELECT count(*)::int AS n FROM outbox_message WHERE status <> 'delivered' AND available_at <= now()`,
      );
      if (n === 0) break;
      if (Date.now() > deadline) throw new Error(`${n} messages still undelivered`);
      await sleep(250);
    }
    await sleep(2000); // time for a duplicate to arrive before the mail is counted
  }

  function measure(window: Window, settledAt: number, load: SteadyLoad, api?: number): Figures {
    const during = load.attempts.filter(
      (a) => a.startedAt >= window.start && a.startedAt <= window.end,
    );
    const failedAll = load.attempts.filter(
      (a) => !a.ok && a.startedAt >= window.start && a.startedAt <= settledAt,
    );
    const refusedByKilled = (a: Attempt) => a.api === api && a.outcome === 'ECONNREFUSED';
    const failed = failedAll.filter((a) => !refusedByKilled(a));
    const firstSuccess = load.attempts
      .filter((a) => a.ok && a.startedAt >= window.end && (api === undefined || a.api === api))
      .reduce<number | null>(
        (first, a) => (first === null || a.endedAt < first ? a.endedAt : first),
        null,
      );
    const lastError = failed.reduce<number | null>(
      (last, a) => (last === null || a.endedAt > last ? a.endedAt : last),
      null,
    );
    const firstDelivery = smtp.received
      .filter((m) => m.acknowledgedAt !== undefined && m.acknowledgedAt >= window.end)
      .reduce<number | null>(
        (first, m) => (first === null || m.acknowledgedAt! < first ? m.acknowledgedAt! : first),
        null,
      );
    const since = (t: number | null) => (t === null ? null : Math.max(0, t - window.end));
    return {
      fault: window.name,
      requests: during.length,
      errors: failed.length,
      refused: failedAll.length - failed.length,
      recoveryMs: since(firstSuccess),
      lastErrorMs: since(lastError),
      deliveryMs: since(firstDelivery),
      settledMs: settledAt - window.end,
    };
  }

  function report(figures: Figures[], byWindow: Map<string, Reckoning>, load: SteadyLoad): void {
    const seconds = (ms: number | null) => (ms === null ? '—' : (ms / 1000).toFixed(1));
    const lines = [
      '',
      'fault | requests during | errors | refused by the killed process | first success after (s) | last error after (s) | first mail after (s) | whole again after (s) | lost | doubled | mail accepted twice (same Message-ID)',
      ...figures.map((f) => {
        const r = byWindow.get(f.fault);
        return [
          f.fault,
          f.requests,
          f.errors,
          f.refused,
          seconds(f.recoveryMs),
          seconds(f.lastErrorMs),
          seconds(f.deliveryMs),
          seconds(f.settledMs),
          r?.lost ?? 0,
          r?.doubled ?? 0,
          r?.mailDoubled ?? 0,
        ].join(' | ');
      }),
      `operations: ${load.operations.length} (${load.attempts.length} requests), mail accepted: ${smtp.delivered().length}, received unacknowledged: ${smtp.received.length - smtp.delivered().length}`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
  }
});
