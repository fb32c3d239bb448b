import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * A pure function another thread runs: the file of the module that exports it (from the caller's
 * `__dirname`, without an extension) and its name. It takes one value and returns one (or a
 * promise of one) that survive structured cloning (plain objects, arrays, dates).
 */
export interface ThreadFunction {
  module: string;
  name: string;
}

/** A thread function named from the module that exports it: `threadFunction(__dirname, 'x-rows', 'checkX')`. */
export function threadFunction(dir: string, file: string, name: string): ThreadFunction {
  return { module: join(dir, file), name };
}

/** What the thread answers for a call. */
export interface ThreadAnswer {
  id: number;
  output?: unknown;
  error?: string;
}

/**
 * How the thread starts: the sources run as they are in development and tests (TypeScript through
 * ts-node, `src/…` found from the project's root), the compiled files in production.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
if (workerData.typescript) {
  const from = { paths: [workerData.root] };
  require(require.resolve('ts-node', from)).register({ transpileOnly: true, project: workerData.root + '/tsconfig.json' });
  require(require.resolve('tsconfig-paths', from)).register({ baseUrl: workerData.root, paths: {} });
}
require(workerData.entry);
`;

/**
 * Runs CPU-heavy pure functions (checking thousands of imported rows, cutting their search words)
 * on threads of their own, so that the process's event loop keeps serving requests and the work
 * goes on beside the database's. `size` threads (two by default: a batch checked on each while a
 * third is written), each started at its first call and kept; a call goes to the thread with the
 * fewest calls waiting. A thread that dies fails the calls it held and is started again at the next.
 */
@Injectable()
export class ThreadCalls implements OnApplicationShutdown {
  private readonly threads: Thread[];
  private stopped = false;

  constructor(size = Math.min(2, availableParallelism())) {
    this.threads = Array.from({ length: Math.max(1, size) }, () => new Thread());
  }

  call<T>(fn: ThreadFunction, input: unknown): Promise<T> {
    // A thread started now would outlive the process's end: the caller's retry runs it later.
    if (this.stopped) return Promise.reject(new Error('the threads have stopped'));
    const least = this.threads.reduce((a, b) => (b.waiting < a.waiting ? b : a));
    return least.call<T>(fn, input);
  }

  /**
   * After the queues' workers have let their jobs finish (their hook runs before this one): a job
   * still checking rows had started a thread again, which then kept the process alive.
   */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.threads.map((t) => t.stop()));
  }
}

/** One worker thread and the calls it holds. */
class Thread {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();

  get waiting(): number {
    return this.pending.size;
  }

  call<T>(fn: ThreadFunction, input: unknown): Promise<T> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    worker.ref(); // a call under way keeps the process alive until it is answered
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, module: fn.module, name: fn.name, input });
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const typescript = extname(__filename) === '.ts';
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: {
        typescript,
        root: resolve(__dirname, '..', '..'), // the project, when these are its sources
        entry: join(__dirname, `thread-entry${extname(__filename)}`),
      },
    });
    worker.on('message', (answer: ThreadAnswer) => this.answer(answer));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new Error(`the thread stopped (${code})`)));
    // After the listeners (a 'message' listener refs the thread again).
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private answer({ id, output, error }: ThreadAnswer): void {
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref(); // an idle thread never keeps the process alive
    if (error === undefined) call.resolve(output);
    else call.reject(new Error(error));
  }

  /** The thread is gone: what it held fails (the caller's retry runs it again), the next call starts another. */
  private fail(worker: Worker, error: Error): void {
    if (this.worker === worker) this.worker = undefined;
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
  }
}
