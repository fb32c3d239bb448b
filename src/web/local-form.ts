import { fromWallClock } from 'src/web/program/local-time';

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
