import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { freePort } from 'test/support/processes';

/**
 * Services a fault test may restart, empty or cut off without touching anyone else's: a throwaway
 * PostgreSQL cluster and a Redis server on free ports, and a TCP proxy the test controls. The
 * machine's own PostgreSQL (5432) and Redis (6379) are never touched.
 */

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** What this machine lacks to run its own PostgreSQL and Redis, or null. */
export function missingFaultServices(): string | null {
  if (!existsSync(join(PG_BIN, 'initdb'))) return `no PostgreSQL server binaries in ${PG_BIN}`;
  if (spawnSync('redis-server', ['--version']).status !== 0) return 'no redis-server on the PATH';
  return null;
}

/** Runs a PostgreSQL tool as the postgres user when we are root (initdb refuses root). */
function pgTool(tool: string, args: string[]): string {
  const command = join(PG_BIN, tool);
  const asRoot = process.getuid?.() === 0;
  return execFileSync(
    asRoot ? 'runuser' : command,
    asRoot ? ['-u', 'postgres', '--', command, ...args] : args,
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

export interface ThrowawayPostgres {
  port: number;
  /** The URL of `database` on this cluster, straight (not through a proxy). */
  url(database: string): string;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  /** Ends every session and stops the server; removes its files. */
  destroy(): void;
}

export async function startPostgres(): Promise<ThrowawayPostgres> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'duijie-faults-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  pgTool('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  // fsync off: the cluster lives for one test run and is only ever stopped cleanly or killed
  // (never the machine under it), so nothing written is lost to the page cache.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const cluster: ThrowawayPostgres = {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: (mode = 'fast') => void pgTool('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']),
    start: () =>
      void pgTool('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']),
    destroy: () => {
      try {
        pgTool('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}

/** Creates `database` on the cluster at `adminUrl` (its `postgres` database). */
export async function createDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
}

export interface ThrowawayRedis {
  port: number;
  url: string;
  /** Stops the server (SIGTERM: it writes its append-only file) and starts it again on the same port. */
  restart(downMs: number): Promise<void>;
  /** FLUSHALL: everything this server holds is gone (it is ours alone). */
  flushAll(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<ThrowawayRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'duijie-faults-redis-'));
  let child: ChildProcess | undefined;
  const launch = async () => {
    // Append-only, so a restart keeps the data, as a production Redis with persistence does;
    // emptying it is a fault of its own.
    const proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes'],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      proc.on('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
    });
  };
  const halt = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    await exited;
  };
  await launch();
  const url = `redis://127.0.0.1:${port}`;
  return {
    port,
    url,
    restart: async (downMs) => {
      await halt();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await launch();
    },
    flushAll: async () => {
      const redis = new Redis(url);
      try {
        await redis.flushall();
      } finally {
        redis.disconnect();
      }
    },
    stop: async () => {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A TCP proxy between the application and a server. `cut()` makes the network drop every packet,
 * as a pulled cable or a partition does: open connections stall (nothing is read or delivered,
 * nothing is reset) and new ones get no answer; `restore()` lets both through again, the way
 * TCP's retransmissions carry on once the path is back. `latencyMs` delays every chunk each way, as
 * a slow or distant network does.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private readonly waiting: Socket[] = [];
  private server?: Server;
  private isCut = false;
  port = 0;

  constructor(
    private readonly targetPort: number,
    private readonly latencyMs = 0,
  ) {}

  async start(): Promise<void> {
    this.port = await freePort();
    this.server = createServer((client) => {
      this.track(client);
      if (this.isCut) {
        client.pause();
        this.waiting.push(client);
      } else {
        this.bridge(client);
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  cut(): void {
    this.isCut = true;
    for (const socket of this.sockets) socket.pause();
  }

  restore(): void {
    this.isCut = false;
    for (const socket of this.sockets) socket.resume();
    for (const client of this.waiting.splice(0)) {
      if (!client.destroyed) this.bridge(client);
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private bridge(client: Socket): void {
    const upstream = connect(this.targetPort, '127.0.0.1');
    this.track(upstream);
    this.forward(client, upstream);
    this.forward(upstream, client);
    client.resume();
  }

  private forward(from: Socket, to: Socket): void {
    from.on('data', (chunk: Buffer) => {
      if (this.latencyMs === 0) {
        if (!to.write(chunk)) from.pause();
      } else {
        // Timers of one delay fire in the order they were set, so the stream stays in order.
        setTimeout(() => to.destroyed || to.write(chunk), this.latencyMs);
      }
    });
    to.on('drain', () => {
      if (!this.isCut) from.resume();
    });
    // Either side closing or failing closes the other, as the server's or client's end would
    // (after what it sent before, on a slow network).
    from.on('close', () =>
      this.latencyMs === 0 ? to.destroy() : setTimeout(() => to.end(), this.latencyMs),
    );
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined); // a reset is what the other side sees; nothing to do here
    socket.on('close', () => this.sockets.delete(socket));
  }
}
