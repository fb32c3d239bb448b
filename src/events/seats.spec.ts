import { SEAT_SHARDS, splitCapacity } from 'src/events/seats';

const empty = Array<number>(SEAT_SHARDS).fill(0);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('splitCapacity', () => {
  it.each([1, 5, 16, 17, 50, 1000, 1_000_000])(
    'spreads %i seats over the shards exactly',
    (capacity) => {
      const shards = splitCapacity(capacity, empty)!;
      expect(sum(shards)).toBe(capacity);
      expect(Math.max(...shards) - Math.min(...shards)).toBeLessThanOrEqual(1);
    },
  );

  it('keeps every shard’s taken seats when the capacity changes', () => {
    const taken = [5, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
    const shards = splitCapacity(20, taken)!;
    expect(sum(shards)).toBe(20);
    shards.forEach((c, i) => expect(c).toBeGreaterThanOrEqual(taken[i]));
  });

  it('refuses a capacity below the seats taken, and accepts exactly that many', () => {
    const taken = [5, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
    expect(splitCapacity(9, taken)).toBeUndefined();
    expect(splitCapacity(10, taken)).toEqual(taken);
  });
});
