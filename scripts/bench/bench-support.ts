import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { Client, Pool } from 'pg';
import { RunningProcess, spawnEntry, waitForOutput } from 'test/support/processes';

export { freePort } from 'test/support/processes';

export const ROOT = join(__dirname, '..', '..');

/** The number given on the command line as `--name <n>`, or `fallback`. */
export function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** A fresh database on the configured server, migrated by the real migrations; returns its URL. */
export async function freshDatabase(name: string): Promise<string> {
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/duijie');
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  base.pathname = `/${name}`;
  const url = base.toString();
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'typeorm.js'), 'run'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`migrations failed:\n${result.stdout}${result.stderr}`);
  return url;
}

/** Starts `src/<entry>.ts` and resolves once it says it started. */
export async function startEntry(
  entry: 'main' | 'worker',
  env: Record<string, string>,
): Promise<RunningProcess> {
  const proc = spawnEntry(entry, env);
  await waitForOutput(proc, /已启动/);
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

/**
 * `clients` clients each sending at `rate / clients` per second for `seconds` (a client whose call
 * is late sends the next at once): the latency at a given load, as users see it.
 */
export async function pacedLoop(
  clients: number,
  rate: number,
  seconds: number,
  worker: (i: number) => Promise<void>,
): Promise<{ latencies: number[]; seconds: number; done: number }> {
  const interval = (clients / rate) * 1000;
  const latencies: number[] = [];
  let next = 0;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      // Spread the clients' first calls over one interval.
      let slot = started + (client * interval) / clients;
      while (slot < deadline) {
        const wait = slot - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const t0 = process.hrtime.bigint();
        await worker(next++);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        slot += interval;
      }
    }),
  );
  return {
    latencies: latencies.sort((a, b) => a - b),
    seconds: (Date.now() - started) / 1000,
    done: latencies.length,
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

/** Through the API: a new user made organizer in the database. Returns the id and a token. */
export async function signUpOrganizer(
  base: string,
  pool: Pool,
): Promise<{ userId: string; token: string }> {
  const signUp = await postJson<{ token: string; user: { id: string } }>(
    base,
    '/api/auth/sign-up',
    {
      name: '压测组织者',
      email: `organizer-${randomUUID()}@bench.local`,
      password: 'bench-password',
      role: 'expert',
      acceptPrivacy: true,
    },
  );
  await pool.query(`UPDATE user_account SET roles = '{organizer}' WHERE id = $1`, [signUp.user.id]);
  return { userId: signUp.user.id, token: signUp.token };
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
  const signUp = await signUpOrganizer(base, pool);
  const org = await postJson<{ id: string }>(
    base,
    '/api/organizations',
    { name: `压测中心 ${randomUUID().slice(0, 8)}`, kind: 'service_agency' },
    signUp.token,
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
    signUp.token,
  );
  for (const status of ['published', 'registration_open']) {
    await postJson(base, `/api/events/${event.id}/status`, { status }, signUp.token);
  }
  return { eventId: event.id, token: signUp.token };
}
