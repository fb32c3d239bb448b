/** Functions the thread-call tests run on the thread. */

export function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export async function later(value: string): Promise<{ value: string; at: Date }> {
  await new Promise((resolve) => setTimeout(resolve, 10));
  return { value, at: new Date(0) };
}

export function refuse(reason: string): never {
  throw new Error(reason);
}

/** Keeps the CPU busy for `ms` milliseconds without handing anything back. */
export function spin(ms: number): number {
  const until = Date.now() + ms;
  let turns = 0;
  while (Date.now() < until) turns++;
  return turns;
}

export function stop(): never {
  process.exit(3);
}

/** Which thread ran the call, after a moment's work (so that calls at once overlap). */
export async function whichThread(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  return (await import('node:worker_threads')).threadId;
}
