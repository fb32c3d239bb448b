/** True for an IANA time zone name the runtime knows, such as Asia/Shanghai. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A moment as people read it, in a time zone: 2026年12月18日周五 14:00 / Fri, 18 Dec 2026, 14:00. */
export function formatDateTime(date: Date, timeZone: string, locale: 'zh-CN' | 'en'): string {
  const key = `${timeZone}|${locale}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    // Building a formatter costs far more than using one.
    formatter = new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
      timeZone,
      year: 'numeric',
      month: locale === 'zh-CN' ? 'long' : 'short',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, formatter);
  }
  return formatter.format(date);
}

/**
 * From `start` to `end` as people read it: the end's day only when it is another day
 * (2027年5月18日周二 09:00–09:30, but Tue, 30 Nov 2027, 09:00 – Wed, 1 Dec 2027, 17:00).
 */
export function formatSpan(
  start: Date,
  end: Date,
  timeZone: string,
  locale: 'zh-CN' | 'en',
): string {
  const from = formatDateTime(start, timeZone, locale);
  if (dayIn(start, timeZone) !== dayIn(end, timeZone))
    return `${from} – ${formatDateTime(end, timeZone, locale)}`;
  return `${from}–${toWallClock(end, timeZone).slice(11, 16)}`;
}

/** A day as people read it, in a time zone: 2026年12月18日周五 / Fri, 18 Dec 2026. */
export function formatDay(date: Date, timeZone: string, locale: 'zh-CN' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    timeZone,
    year: 'numeric',
    month: locale === 'zh-CN' ? 'long' : 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(date);
}

/**
 * Minutes the zone is ahead of UTC at `date`. Every conversion between instants and a zone's days
 * or wall-clock times goes through here: no fixed +8 hours anywhere else.
 */
export function offsetMinutes(date: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True for a calendar day written YYYY-MM-DD. */
export function isDay(value: unknown): value is string {
  return typeof value === 'string' && DAY.test(value) && !Number.isNaN(Date.parse(value));
}

/** The instant a wall-clock time (`2026-12-18T14:00`) of `timeZone` names. */
export function atWallClock(wallClock: string, timeZone: string): Date {
  const asUtc = new Date(`${wallClock}Z`);
  // The offset at the instant itself (it differs from the one at asUtc only across a DST change).
  const guess = new Date(asUtc.getTime() - offsetMinutes(asUtc, timeZone) * 60_000);
  return new Date(asUtc.getTime() - offsetMinutes(guess, timeZone) * 60_000);
}

/** A datetime-local value as an instant (ISO) in `timeZone`; anything else is left for a DTO to judge. */
export function fromWallClock(value: unknown, timeZone: string): unknown {
  if (typeof value !== 'string' || !WALL_CLOCK.test(value)) return value;
  return atWallClock(value, timeZone).toISOString();
}

/** An instant as a datetime-local value (`2026-12-18T14:00`) in `timeZone`. */
export function toWallClock(date: Date | string, timeZone: string): string {
  const instant = new Date(date);
  const shifted = new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/** The calendar day (YYYY-MM-DD) an instant falls on in `timeZone`. */
export function dayIn(date: Date, timeZone: string): string {
  return toWallClock(date, timeZone).slice(0, 10);
}

/** Today (YYYY-MM-DD) in `timeZone`. */
export function todayIn(timeZone: string, now = new Date()): string {
  return dayIn(now, timeZone);
}

/** The first instant of a day (YYYY-MM-DD) in `timeZone`. */
export function dayStart(day: string, timeZone: string): Date {
  return atWallClock(`${day}T00:00`, timeZone);
}

/** A day's first instant and the next day's first instant in `timeZone`: [start, end). */
export function dayBounds(day: string, timeZone: string): { start: Date; end: Date } {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return {
    start: dayStart(day, timeZone),
    end: dayStart(next.toISOString().slice(0, 10), timeZone),
  };
}

/** The year an instant falls in, in `timeZone`. */
export function yearIn(date: Date, timeZone: string): number {
  return Number(dayIn(date, timeZone).slice(0, 4));
}

/** The quarter an instant falls in, in `timeZone`: `2026Q4`. */
export function quarterIn(date: Date, timeZone: string): string {
  const day = dayIn(date, timeZone);
  return `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * Every quarter from `first` to `last` (as quarterIn names them: 2026Q1), those without an event
 * too: a chart by quarter leaves none out.
 */
export function quartersBetween(first: string, last: string): string[] {
  const index = (q: string) => Number(q.slice(0, 4)) * 4 + Number(q.slice(5)) - 1;
  const quarters: string[] = [];
  for (let i = index(first); i <= index(last); i++)
    quarters.push(`${Math.floor(i / 4)}Q${(i % 4) + 1}`);
  return quarters;
}

/** New Year's midnight of `year` in `timeZone`. */
export function yearStart(year: number, timeZone: string): Date {
  return dayStart(`${String(year).padStart(4, '0')}-01-01`, timeZone);
}
