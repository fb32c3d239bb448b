import { fromWallClock } from 'src/common/time';

/**
 * `<input type="datetime-local">` speaks wall-clock time without a zone; a form means the zone of
 * what it edits (an event's own zone, else the platform's). The conversions live in common/time.
 */

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
