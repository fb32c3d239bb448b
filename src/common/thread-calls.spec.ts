import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ThreadCalls, threadFunction } from 'src/common/thread-calls';

const FIXTURE = join(__dirname, '..', '..', 'test', 'support');
const fixture = (name: string) => threadFunction(FIXTURE, 'thread-fixture', name);

describe('ThreadCalls', () => {
  const thread = new ThreadCalls();
  afterAll(() => thread.onApplicationShutdown());

  it('runs a module’s function on its thread and answers with its output, dates kept', async () => {
    await expect(thread.call(fixture('sum'), [1, 2, 3])).resolves.toBe(6);
    await expect(thread.call(fixture('later'), 'x')).resolves.toEqual({
      value: 'x',
      at: new Date(0),
    });
  }, 60_000);

  it('answers each call, in any number at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => thread.call<number>(fixture('sum'), [i, i])),
    );
    expect(answers).toEqual(Array.from({ length: 50 }, (_, i) => 2 * i));
  }, 60_000);

  it('keeps the process alive while a call is under way, and lets it exit once answered', () => {
    const script = `const { ThreadCalls, threadFunction } = require('src/common/thread-calls');
      new ThreadCalls().call(threadFunction(${JSON.stringify(FIXTURE)}, 'thread-fixture', 'later'), 'x')
        .then((answer) => console.log('answered', answer.value));`;
    const run = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', '-e', script],
      { cwd: join(__dirname, '..', '..'), encoding: 'utf8', timeout: 50_000 },
    );
    expect(run.stdout.trim()).toBe('answered x');
    expect(run.status).toBe(0); // a process held open is killed by the timeout: no status
  }, 60_000);

  it('refuses a call once stopped instead of starting a thread that would outlive the process', async () => {
    const stopped = new ThreadCalls(1);
    await stopped.onApplicationShutdown();
    await expect(stopped.call(fixture('sum'), [1])).rejects.toThrow('the threads have stopped');
  });

  it('spreads calls made at once over its threads', async () => {
    const two = new ThreadCalls(2);
    try {
      const ids = await Promise.all([
        two.call<number>(fixture('whichThread'), null),
        two.call<number>(fixture('whichThread'), null),
      ]);
      expect(new Set(ids).size).toBe(2);
    } finally {
      await two.onApplicationShutdown();
    }
  }, 60_000);

  it('fails a call whose function throws or does not exist, and goes on', async () => {
    await expect(thread.call(fixture('refuse'), 'no such row')).rejects.toThrow('no such row');
    await expect(thread.call(fixture('nothing'), 1)).rejects.toThrow('exports no function nothing');
    await expect(thread.call(fixture('sum'), [4])).resolves.toBe(4);
  }, 60_000);

  it('fails what a dying thread held and starts another for the next call', async () => {
    await expect(thread.call(fixture('stop'), null)).rejects.toThrow('the thread stopped (3)');
    await expect(thread.call(fixture('sum'), [5, 5])).resolves.toBe(10);
  }, 60_000);

  it('leaves the caller’s event loop free while the thread works', async () => {
    await thread.call(fixture('sum'), []); // started
    expect(await longestGapDuring(() => thread.call(fixture('spin'), 500))).toBeLessThan(100);
    // Control: the same work on the caller's loop holds the loop the whole time.
    const { spin } = await import('test/support/thread-fixture');
    expect(await longestGapDuring(async () => spin(300))).toBeGreaterThanOrEqual(250);
  }, 60_000);
});

/** The longest the event loop went without running a 5 ms timer while `work` ran. */
async function longestGapDuring(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const ticks = setInterval(() => {
    longest = Math.max(longest, performance.now() - last);
    last = performance.now();
  }, 5);
  try {
    await new Promise((resolve) => setTimeout(resolve, 10));
    await work();
    await new Promise((resolve) => setTimeout(resolve, 10));
    return Math.max(longest, performance.now() - last);
  } finally {
    clearInterval(ticks);
  }
}
