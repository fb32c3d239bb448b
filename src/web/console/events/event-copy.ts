import { FieldProblem } from 'src/common/errors/domain-error';
import { atWallClock, dayIn, toWallClock } from 'src/common/time';
import { copyStartProblems } from 'src/events/event-rules';
import { Form } from 'src/web/forms';

/**
 * The console's "copy as a new event" form: a day and a start time for the copy (its times and
 * agenda move there together), or none to keep the times. Pure, so it is tested without a browser.
 */

const ONE_DAY = 86_400_000;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What the copy form shows: the day and time offered (or as typed again when refused). */
export interface CopyForm {
  copyDay: string;
  copyTime: string;
}

/** A calendar day (YYYY-MM-DD) that exists: 2027-02-30 does not. */
function isRealDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

const plusDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * ONE_DAY).toISOString().slice(0, 10);
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/**
 * The day offered for a copy, on the event's weekday: a week after it (a weekly session's next
 * one), or, when that has passed (last year's edition copied for this year's), the first such day
 * at least four weeks from today, a month to prepare it.
 */
export function suggestedCopyDay(startsAt: Date, timeZone: string, now: Date): string {
  const day = dayIn(startsAt, timeZone);
  const today = dayIn(now, timeZone);
  const weekLater = plusDays(day, 7);
  if (weekLater > today) return weekLater;
  const monthOn = plusDays(today, 28);
  return plusDays(monthOn, (weekday(day) - weekday(monthOn) + 7) % 7);
}

/** The copy form as first offered: the suggested day, at the event's own start time. */
export function copyFormOf(event: { startsAt: Date; timeZone: string }, now: Date): CopyForm {
  return {
    copyDay: suggestedCopyDay(event.startsAt, event.timeZone, now),
    copyTime: toWallClock(event.startsAt, event.timeZone).slice(11, 16),
  };
}

/** The copy form as typed, shown again when refused. */
export function copyTyped(form: Form | undefined): CopyForm {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return { copyDay: text(form?.copyDay), copyTime: text(form?.copyTime) };
}

function problem(field: string, rule: string, zh: string, en: string): FieldProblem {
  return { field, rule, message: { 'zh-CN': zh, en } };
}

/**
 * The copy's input as the API reads it (`startsAt` in the event's zone, none to keep the times),
 * and every problem of the form at once: a day or time that is not one, a day without a time's
 * day, a start already past (the service's own rule, read here on the day typed so that it shows
 * with the others).
 */
export function copyInput(
  form: Form,
  event: { startsAt: Date; timeZone: string },
  now: Date,
): { input: { startsAt?: string }; problems: FieldProblem[] } {
  const text = (key: string) => (typeof form[key] === 'string' ? form[key].trim() : '');
  const [day, time] = [text('copyDay'), text('copyTime')];
  if (!day && !time) return { input: {}, problems: [] };
  const problems: FieldProblem[] = [];
  if (!day)
    problems.push(
      problem(
        'copyDay',
        'required',
        '请选择新活动的日期（不改时间请把日期和时间都清空）',
        'Please choose the new date (to keep the times, leave both date and time empty)',
      ),
    );
  else if (!isRealDay(day))
    problems.push(
      problem(
        'copyDay',
        'isDay',
        '请填写有效的日期，如 2027-05-18',
        'Please give the new date as a day, like 2027-05-18',
      ),
    );
  if (time && !TIME.test(time))
    problems.push(
      problem(
        'copyTime',
        'isTime',
        '请填写有效的开始时间，如 14:00',
        'Please give the start time as hours and minutes, like 14:00',
      ),
    );
  if (!day || !isRealDay(day)) return { input: {}, problems };
  // A start time left empty or mistyped is the event's own for the check of the day.
  const at = TIME.test(time) ? time : toWallClock(event.startsAt, event.timeZone).slice(11, 16);
  const startsAt = atWallClock(`${day}T${at}`, event.timeZone);
  problems.push(...copyStartProblems(startsAt, now).map((p) => ({ ...p, field: 'copyDay' })));
  return { input: { startsAt: startsAt.toISOString() }, problems };
}
