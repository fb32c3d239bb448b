import { Batches, ItemOutcome } from 'src/common/batches';

/** A run that records its batches and finishes each only when the test says so. */
function controlledRun() {
  const batches: number[][] = [];
  const finishers: (() => void)[] = [];
  const run = (items: number[]) => {
    batches.push(items);
    return new Promise<ItemOutcome<number>[]>((resolve) =>
      finishers.push(() =>
        resolve(items.map((n) => (n < 0 ? { error: new Error(`bad ${n}`) } : { value: n * 10 }))),
      ),
    );
  };
  return { batches, finishers, run };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Batches (group commit)', () => {
  it('sends an item at once and alone when nothing is under way', async () => {
    const { batches, finishers, run } = controlledRun();
    const queue = new Batches(run, { size: 10, inFlight: 1 });
    const answer = queue.submit('e', 1);
    expect(batches).toEqual([[1]]);
    finishers[0]();
    await expect(answer).resolves.toBe(10);
  });

  it('groups the items that arrive while a batch is under way, up to the size', async () => {
    const { batches, finishers, run } = controlledRun();
    const queue = new Batches(run, { size: 3, inFlight: 1 });
    const answers = [1, 2, 3, 4, 5, 6].map((n) => queue.submit('e', n));
    expect(batches).toEqual([[1]]);
    finishers[0]();
    await settle();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finishers[1]();
    await settle();
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6]]);
    finishers[2]();
    await expect(Promise.all(answers)).resolves.toEqual([10, 20, 30, 40, 50, 60]);
    await settle();
    expect(queue.pending).toBe(0);
  });

  it('runs up to `inFlight` batches of a key at once, and keys apart', () => {
    const { batches, run } = controlledRun();
    const queue = new Batches(run, { size: 10, inFlight: 2 });
    for (const n of [1, 2, 3]) void queue.submit('a', n).catch(() => undefined);
    void queue.submit('b', 9).catch(() => undefined);
    expect(batches).toEqual([[1], [2], [9]]);
    expect(queue.pending).toBe(4);
  });

  it("fails an item with its own error and leaves the others' answers alone", async () => {
    const { finishers, run } = controlledRun();
    const queue = new Batches(run, { size: 10, inFlight: 1 });
    const first = queue.submit('e', 1);
    const bad = queue.submit('e', -2);
    const good = queue.submit('e', 3);
    finishers[0]();
    await settle();
    finishers[1]();
    await expect(first).resolves.toBe(10);
    await expect(bad).rejects.toThrow('bad -2');
    await expect(good).resolves.toBe(30);
  });

  it('fails every item of a batch that failed as a whole, and goes on with the next', async () => {
    let calls = 0;
    const queue = new Batches<number, number>(
      async (items) => {
        calls++;
        if (calls === 1) throw new Error('connection lost');
        return items.map((n) => ({ value: n }));
      },
      { size: 10, inFlight: 1 },
    );
    const lost = queue.submit('e', 1);
    const after = queue.submit('e', 2);
    await expect(lost).rejects.toThrow('connection lost');
    await expect(after).resolves.toBe(2);
    await settle();
    expect(queue.pending).toBe(0);
  });

  it("runs each item alone when the batch failed for one item's fault, and fails only that one", async () => {
    const runs: number[][] = [];
    const queue = new Batches<number, number>(
      async (items) => {
        runs.push(items);
        if (items.includes(13)) throw Object.assign(new Error('duplicate'), { rowFault: true });
        return items.map((n) => ({ value: n }));
      },
      {
        size: 10,
        inFlight: 1,
        splitOn: (error) => (error as { rowFault?: boolean }).rowFault === true,
      },
    );
    const first = queue.submit('e', 1);
    const rest = [12, 13, 14].map((n) => queue.submit('e', n));
    await expect(first).resolves.toBe(1);
    await expect(rest[0]).resolves.toBe(12);
    await expect(rest[1]).rejects.toThrow('duplicate');
    await expect(rest[2]).resolves.toBe(14);
    expect(runs).toEqual([[1], [12, 13, 14], [12], [13], [14]]);
  });

  it("fails every item when the failure is not one item's", async () => {
    const queue = new Batches<number, number>(
      async (items) => {
        if (items.length > 1) throw new Error('connection lost');
        return items.map((n) => ({ value: n }));
      },
      { size: 10, inFlight: 1, splitOn: () => false },
    );
    const first = queue.submit('e', 1);
    const rest = [2, 3].map((n) => queue.submit('e', n));
    await expect(first).resolves.toBe(1);
    await expect(Promise.all(rest.map((r) => r.catch((e: Error) => e.message)))).resolves.toEqual([
      'connection lost',
      'connection lost',
    ]);
  });
});
