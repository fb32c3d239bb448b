import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { startApi, TestApi } from 'test/support/app';
import { signedInAs } from 'test/support/factories';
import { LiveClient, OpenedSocket, openSocketAt } from 'test/support/live-client';
import { freePort, RunningProcess, spawnEntry, waitForOutput } from 'test/support/processes';
import { resetState } from 'test/support/state';

const ROOT = join(__dirname, '..', '..');
/** Any promise rejection nobody handled ends a process run so, even with the platform's handler. */
const STRICT = '--unhandled-rejections=strict';

/**
 * A database blip must not take the API down (issue 17): 25 live sockets with a valid cookie,
 * opened while the pool was exhausted, ended the process, because the socket's sign-in ran on
 * connect with nobody handling its rejection.
 */
describe('the API while its database cannot answer', () => {
  let api: TestApi;
  let server: RunningProcess | undefined;

  beforeAll(async () => {
    await resetState();
    api = await startApi({}, { live: false }); // for the accounts; the API under test is its own process
  });

  afterAll(async () => {
    await server?.kill();
    await api.close();
  });

  it('lives through 30 sockets signing in with the pool exhausted, and serves them afterwards', async () => {
    const person = await signedInAs(api.app, ['enterprise'], '连接者');
    const port = await freePort();
    server = spawnEntry('main', {
      PORT: String(port),
      HOST: '127.0.0.1',
      LIVE_WORKERS: '1',
      NODE_OPTIONS: STRICT, // so that a rejection the safety net would log fails the test too
    });
    await waitForOutput(server, /API 已启动/, 120_000); // ts-node compiles it first
    const cookie = { cookie: `duijie_token=${encodeURIComponent(person.token)}` };

    // Every sign-in reads the session table: locked, each holds one of the pool's 20 connections
    // and the rest wait for one until the pool gives up on them (5 s).
    const locker = new Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE session IN ACCESS EXCLUSIVE MODE');
    const started = Date.now();
    const attempts = Array.from({ length: 30 }, () => openSocketAt(port, '', cookie));
    await new Promise((resolve) => setTimeout(resolve, 7000));
    await locker.query('ROLLBACK');
    await locker.end();
    const outcomes: OpenedSocket[] = await Promise.all(attempts);

    if (server.child.exitCode !== null)
      throw new Error(
        `the API exited (${server.child.exitCode}):\n${server.output().slice(-4000)}`,
      );
    const refused = outcomes.flatMap((o) => ('refused' in o ? [o.refused] : []));
    const opened = outcomes.flatMap((o) => ('socket' in o ? [o.socket] : []));
    // The fault did happen: the sockets the pool could not serve were refused with a code.
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r).toMatchObject({ status: 503, body: { code: 'LIVE_BUSY' } });
      expect(r.headers['retry-after']).toBe('5');
    }
    expect(opened.length + refused.length).toBe(30);
    opened.forEach((socket) => socket.close());
    console.log(
      `pool exhausted for 7 s: ${opened.length} sockets opened once it answered, ` +
        `${refused.length} refused with 503 LIVE_BUSY, after ${Date.now() - started} ms`,
    );

    // Still serving: HTTP, and a socket that signs in and is answered.
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    const again = await openSocketAt(port, '', cookie);
    if (!('socket' in again)) throw new Error(`refused: ${JSON.stringify(again.refused)}`);
    const client = LiveClient.wrap(again.socket);
    expect((await client.request('heartbeat')).data.code).toBe('LIVE_NOT_JOINED');
    await client.close();
    expect(server.output()).not.toMatch(/unhandled|uncaught/i);
  }, 180_000);

  describe('control: the process-level handler, and what the test above would catch', () => {
    it('ends a process without the handler on an unhandled rejection', async () => {
      const run = await runScript(`Promise.reject(new Error('lost')); ${LATER}`);
      expect(run.code).not.toBe(0);
      expect(run.output).not.toContain('still here');
    });

    it('logs and counts the rejection with the handler, and the process carries on', async () => {
      const run = await runScript(`${WATCH} Promise.reject(new Error('lost')); ${LATER}`);
      expect(run.code).toBe(0);
      expect(run.output).toContain('unhandled promise rejection (the process carries on)');
      expect(run.output).toContain('still here, faults counted: 1');
    });

    it('still ends the process under strict mode, as the test above runs the API', async () => {
      const run = await runScript(`${WATCH} Promise.reject(new Error('lost')); ${LATER}`, [STRICT]);
      expect(run.code).toBe(1);
      expect(run.output).toContain('uncaught exception: exiting');
      expect(run.output).not.toContain('still here');
    });
  });
});

const WATCH = `const { watchProcessFaults } = require('src/common/process-faults');
watchProcessFaults(require('pino')());`;
const LATER = `setTimeout(async () => {
  const { processFaults } = require('src/common/process-faults');
  const [counted] = (await processFaults.get()).values;
  console.log('still here, faults counted: ' + (counted ? counted.value : 0));
}, 300);`;

/** Runs a script in a Node process of its own with the project's paths; its exit code and output. */
async function runScript(
  script: string,
  nodeOptions: string[] = [],
): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    [
      ...nodeOptions,
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      '-e',
      script,
    ],
    { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, output };
}
