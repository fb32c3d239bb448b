import { setImmediate as nextTurn } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

/** How long a loop over many rows may keep the event loop before letting others run. */
export const TURN_BUDGET_MS = 4;

/**
 * Lets a long loop (reading, checking or writing thousands of rows) hand the event loop back every
 * few milliseconds, so that requests, timers and sockets keep being served meanwhile. Call `pause`
 * often: it only yields once the budget is spent.
 */
export class EventLoopTurns {
  private since = performance.now();

  constructor(private readonly budgetMs = TURN_BUDGET_MS) {}

  async pause(): Promise<void> {
    if (performance.now() - this.since < this.budgetMs) return;
    await nextTurn();
    this.since = performance.now();
  }
}
