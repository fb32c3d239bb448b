/** Deepest nesting a request body may have: far beyond any form, far below a stack overflow. */
export const MAX_BODY_DEPTH = 32;

/**
 * True when arrays and objects in `value` nest deeper than `max`; iterative, so any depth is safe.
 * Bytes (an uploaded spreadsheet) nest nothing: walking a 10 MiB buffer's elements one by one held
 * the event loop for half a minute.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null || ArrayBuffer.isView(current)) continue;
    if (depth >= max) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}
