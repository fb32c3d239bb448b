import { Histogram } from 'prom-client';

/**
 * Items per batch run, by the work's name: how many round trips and commits group commit saved
 * (`/metrics`: the count is the runs, the sum the items).
 */
export const batchItems = new Histogram({
  name: 'batch_items',
  help: 'Items per grouped statement (group commit), by work',
  labelNames: ['work'],
  buckets: [1, 2, 4, 8, 16, 32, 64],
  registers: [],
});

/** What one item of a batch came to: its value, or the error that is its alone. */
export type ItemOutcome<O> = { value: O } | { error: unknown };

/** Runs a batch of items as one piece of work; one outcome per item, in the items' order. */
export type BatchRun<I, O> = (items: I[]) => Promise<ItemOutcome<O>[]>;

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

/**
 * Group commit for work that costs per round trip or per commit far more than per item: items of
 * one key submitted while `inFlight` batches of that key are under way wait, and go together in
 * the next batch (at most `size`). When nothing is under way an item goes at once, alone: a quiet
 * moment costs no waiting, and a busy one makes fewer, larger batches rather than a queue of
 * single statements. A batch that fails as a whole fails each of its items, unless `splitOn` says
 * the failure is one item's (a duplicate row, say): then each item runs alone, and only the faulty
 * one fails.
 */
export class Batches<I, O> {
  private readonly lines = new Map<string, { waiting: Waiting<I, O>[]; running: number }>();

  constructor(
    private readonly run: BatchRun<I, O>,
    private readonly limits: {
      size: number;
      inFlight: number;
      /** The work's name in `batch_items`. */
      name?: string;
      splitOn?: (error: unknown) => boolean;
    },
  ) {}

  submit(key: string, item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const line = this.lines.get(key) ?? { waiting: [], running: 0 };
      this.lines.set(key, line);
      line.waiting.push({ item, resolve, reject });
      this.next(key);
    });
  }

  /** Items waiting or under way, of every key (for tests and metrics). */
  get pending(): number {
    let count = 0;
    for (const line of this.lines.values()) count += line.waiting.length + line.running;
    return count;
  }

  private next(key: string): void {
    const line = this.lines.get(key);
    if (!line) return;
    while (line.running < this.limits.inFlight && line.waiting.length > 0) {
      const batch = line.waiting.splice(0, this.limits.size);
      line.running++;
      this.runBatch(batch)
        .catch((error: unknown) => batch.forEach((w) => w.reject(error)))
        .finally(() => {
          line.running--;
          if (line.running === 0 && line.waiting.length === 0) this.lines.delete(key);
          else this.next(key);
        })
        .catch(() => undefined); // next() does not throw; the rejections above are the callers'
    }
  }

  private async runBatch(batch: Waiting<I, O>[]): Promise<void> {
    if (this.limits.name) batchItems.observe({ work: this.limits.name }, batch.length);
    const outcomes = await this.run(batch.map((w) => w.item)).catch((error: unknown) => {
      if (batch.length === 1 || !this.limits.splitOn?.(error)) throw error;
      return Promise.all(
        batch.map((w) =>
          this.run([w.item]).then(
            ([outcome]) => outcome,
            (own: unknown) => ({ error: own }),
          ),
        ),
      );
    });
    batch.forEach((w, i) => {
      const outcome = outcomes[i];
      if (!outcome) w.reject(new Error('the batch gave no outcome for this item'));
      else if ('error' in outcome) w.reject(outcome.error);
      else w.resolve(outcome.value);
    });
  }
}
