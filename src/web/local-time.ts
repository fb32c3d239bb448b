/**
 * `<input type="datetime-local">` speaks wall-clock time without a zone; the console means the
 * platform's time zone (Asia/Shanghai), whatever the server's own. Used by every form with times.
 */

/** Minutes the zone is ahead of UTC at `date`. */
function offsetMinutes(date: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** A datetime-local value as an instant (ISO) in `timeZone`; anything else is left for the DTO to judge. */
export function fromWallClock(value: unknown, timeZone: string): unknown {
  if (typeof value !== 'string' || !WALL_CLOCK.test(value)) return value;
  const asUtc = new Date(`${value}Z`);
  return new Date(asUtc.getTime() - offsetMinutes(asUtc, timeZone) * 60_000).toISOString();
}

/** An instant as a datetime-local value in `timeZone`. */
export function toWallClock(date: Date | string, timeZone: string): string {
  const instant = new Date(date);
  const shifted = new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/**
 * A form's `startsAt` and `endsAt`, typed in `<input type="datetime-local">` as wall-clock times of
 * `timeZone`, as the instants the API's DTOs take (anything else is left for the DTO to refuse).
 */
export function timeSpanOf(
  form: Record<string, unknown> | undefined,
  timeZone: string,
): { startsAt: unknown; endsAt: unknown } {
  return {
    startsAt: fromWallClock(form?.startsAt, timeZone),
    endsAt: fromWallClock(form?.endsAt, timeZone),
  };
}
