import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { Agent, request } from 'node:http';
import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { Client, Pool } from 'pg';
import { hashPassword } from 'src/identity/password';
import { RunningProcess, spawnEntry, waitForOutput } from 'test/support/processes';

export { freePort } from 'test/support/processes';

export const ROOT = join(__dirname, '..', '..');

/**
 * What the API and the worker need to start as production does (NODE_ENV=production refuses a
 * plain-http address and missing secrets); the benchmarks run them so.
 */
export const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://bench.duijie.local',
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret!',
  LINK_TOKEN_SECRET: 'bench-link-secret-bench-link-secret!',
};

/** The number given on the command line as `--name <n>`, or `fallback`. */
export function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** A database made for one bench run: its URL, and dropping it when the run ends. */
export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database on the configured server, named for this run alone (`duijie_bench_<what>_<random>`)
 * and migrated by the real migrations: two people benchmarking one server never touch each other's.
 */
export async function freshDatabase(what: string): Promise<BenchDatabase> {
  const name = `duijie_bench_${what.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/duijie');
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const onAdmin = async (sql: string) => {
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await onAdmin(`CREATE DATABASE ${name}`);
  base.pathname = `/${name}`;
  const url = base.toString();
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'typeorm.js'), 'run'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`migrations failed:\n${result.stdout}${result.stderr}`);
  // Ours alone: forcing out what is left of our own processes harms nobody else.
  return { url, drop: () => onAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A Redis key prefix for this run alone, and deleting its keys when the run ends. */
export function freshRedisPrefix(what: string): { prefix: string; flush(): Promise<void> } {
  const prefix = `bench-${what}-${randomBytes(4).toString('hex')}`;
  return {
    prefix,
    flush: async () => {
      const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          if (keys.length > 0) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}

/**
 * Starts `src/<entry>.ts` and resolves once it says it started (several at once on a busy machine
 * take a while to load their TypeScript).
 */
export async function startEntry(
  entry: 'main' | 'worker',
  env: Record<string, string>,
): Promise<RunningProcess> {
  const proc = spawnEntry(entry, env);
  await waitForOutput(proc, /已启动/, 180_000);
  return proc;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs `worker` on `clients` concurrent loops until `total` calls are done; returns each call's latency in ms. */
export async function closedLoop(
  clients: number,
  total: number,
  worker: (i: number) => Promise<void>,
): Promise<{ latencies: number[]; seconds: number }> {
  let next = 0;
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t0 = process.hrtime.bigint();
        await worker(i);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { latencies: latencies.sort((a, b) => a - b), seconds };
}

/** What an open-loop run measured. */
export interface OpenLoopRun {
  /** Latency of each answered call in ms, from the moment it was meant to be sent; sorted. */
  latencies: number[];
  /** Calls sent, per second of sending: what the generator really offered. */
  offered: number;
  /** Calls answered without error, per second from the first send to the last answer. */
  answered: number;
  failed: number;
  /** What the first failed call said. */
  firstError?: string;
  /** How late the generator itself sent a call, at worst (ms): large means it could not keep up. */
  worstSendLag: number;
}

/**
 * An open-loop load: call `i` is due at `i / rate` seconds and is sent then, whether or not the
 * earlier calls were answered, for `seconds`. Latency counts from the moment a call was due, so a
 * slow server cannot hide behind a client that waits for it (no coordinated omission).
 */
export async function openLoop(
  rate: number,
  seconds: number,
  call: (i: number) => Promise<void>,
): Promise<OpenLoopRun> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  const calls: Promise<void>[] = [];
  let failed = 0;
  let firstError: string | undefined;
  let worstSendLag = 0;
  let lastSend = 0;
  const started = performance.now();
  const dueAt = (i: number) => started + (i / rate) * 1000;
  await new Promise<void>((resolve) => {
    let sent = 0;
    const sendWhatIsDue = () => {
      const now = performance.now();
      for (; sent < total && dueAt(sent) <= now; sent++) {
        const due = dueAt(sent);
        worstSendLag = Math.max(worstSendLag, now - due);
        calls.push(
          call(sent).then(
            () => void latencies.push(performance.now() - due),
            (error: unknown) => {
              failed++;
              firstError ??= String(error);
            },
          ),
        );
      }
      lastSend = now;
      if (sent < total) setTimeout(sendWhatIsDue, Math.max(0, dueAt(sent) - performance.now()));
      else resolve();
    };
    sendWhatIsDue();
  });
  await Promise.all(calls);
  const finished = performance.now();
  return {
    latencies: latencies.sort((a, b) => a - b),
    offered: total / Math.max((lastSend - started) / 1000, 1e-3),
    answered: latencies.length / ((finished - started) / 1000),
    failed,
    firstError,
    worstSendLag,
  };
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 1000 });

/**
 * Sends a request (JSON body if any) over a kept-alive connection with node:http, which costs the
 * client far less CPU than `fetch`: the client shares this machine's cores with the servers.
 */
export function sendQuickly(
  method: 'GET' | 'POST',
  url: string,
  { body, token }: { body?: unknown; token?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      url,
      {
        method,
        agent: keepAlive,
        headers: {
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** POSTs JSON to the API and returns the parsed answer; a refusal throws with its body. */
export async function postJson<T>(
  base: string,
  path: string,
  body: unknown,
  token?: string,
): Promise<T> {
  return json<T>(
    await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    }),
  );
}

/**
 * A person with a proved e-mail address and the given role, made in the database (a sign-up waits
 * for its e-mail to be proved), signed in through the API. Returns the id and a token.
 */
export async function signedInAccount(
  base: string,
  pool: Pool,
  role: 'organizer' | 'expert',
): Promise<{ userId: string; token: string }> {
  const email = `${role}-${randomUUID()}@bench.local`;
  const password = 'bench-password';
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO user_account (name, email, email_verified_at, locale, roles, password_hash)
     VALUES ($1, $2, now(), 'zh-CN', $3, $4) RETURNING id`,
    [role === 'organizer' ? '压测组织者' : '压测专家', email, [role], await hashPassword(password)],
  );
  const { token } = await postJson<{ token: string }>(base, '/api/auth/login', { email, password });
  return { userId: rows[0].id, token };
}

/**
 * Through the API: an organizer (the role granted in the database) of a new organization and an
 * event of it moved to `registration_open`. Returns the event id and the organizer's token.
 */
export async function createOpenEvent(
  base: string,
  pool: Pool,
  fields: Record<string, unknown> = {},
): Promise<{ eventId: string; token: string }> {
  const organizer = await signedInAccount(base, pool, 'organizer');
  const org = await postJson<{ id: string }>(
    base,
    '/api/organizations',
    { name: `压测中心 ${randomUUID().slice(0, 8)}`, kind: 'service_agency' },
    organizer.token,
  );
  const event = await postJson<{ id: string }>(
    base,
    '/api/events',
    {
      organizationId: org.id,
      kind: 'roadshow',
      format: 'online',
      visibility: 'public',
      title: '压测路演',
      startsAt: '2030-01-01T14:00:00+08:00',
      endsAt: '2030-01-01T17:00:00+08:00',
      capacity: 1_000_000,
      ...fields,
    },
    organizer.token,
  );
  for (const status of ['published', 'registration_open']) {
    await postJson(base, `/api/events/${event.id}/status`, { status }, organizer.token);
  }
  return { eventId: event.id, token: organizer.token };
}

/** An SMTP server that accepts everything and keeps the messages to the recipients `keep` names. */
export interface MailSink {
  url: string;
  /** The kept messages' recipients and plain text, parsed now (not while the load runs). */
  kept(): Promise<{ to: string; subject: string; text: string }[]>;
  keptCount(): number;
  close(): Promise<void>;
}

export async function startMailSink(keep: (to: string) => boolean): Promise<MailSink> {
  const raw: { to: string; data: Buffer }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      const to = session.envelope.rcptTo.map((r) => r.address).join(',');
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (keep(to)) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (keep(to)) raw.push({ to, data: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    keptCount: () => raw.length,
    kept: () =>
      Promise.all(
        raw.map(async ({ to, data }) => {
          const mail = await simpleParser(data);
          return { to, subject: mail.subject ?? '', text: mail.text ?? '' };
        }),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
