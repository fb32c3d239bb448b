/**
 * Seats of an event are counted in this many rows, so that concurrent registrations rarely wait for
 * each other: more rows than the API processes have database connections between them.
 */
export const SEAT_SHARDS = 64;

/**
 * Capacities of the shards for a new total `capacity`, given the seats each shard has taken: every
 * shard keeps its taken seats, and the free seats are spread evenly. `undefined` when fewer seats
 * than are taken.
 */
export function splitCapacity(capacity: number, taken: readonly number[]): number[] | undefined {
  const totalTaken = taken.reduce((a, b) => a + b, 0);
  if (capacity < totalTaken) return undefined;
  const free = capacity - totalTaken;
  const base = Math.floor(free / taken.length);
  const extra = free % taken.length;
  return taken.map((t, i) => t + base + (i < extra ? 1 : 0));
}
