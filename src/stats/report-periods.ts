import { atWallClock, dayIn } from 'src/common/time';

/** How often a scheduled report is sent: after each full month, or each full quarter. */
export const REPORT_FREQUENCIES = ['monthly', 'quarterly'] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];

/** The documents a scheduled report carries. */
export const REPORT_FORMATS = ['docx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** One full period a report covers: `2026-11` or `2026Q4`, from its first instant to the next period's. */
export interface ReportPeriod {
  key: string;
  from: Date;
  to: Date;
}

/** The hour of the morning, in the zone, at which a period's report is sent once it has ended. */
const SEND_AT = '08:00';

const monthsOf = (frequency: ReportFrequency) => (frequency === 'monthly' ? 1 : 3);

/** The first month (year, 1–12) of the period `now` falls in, in `timeZone`. */
function periodStartMonth(frequency: ReportFrequency, now: Date, timeZone: string) {
  const day = dayIn(now, timeZone);
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const length = monthsOf(frequency);
  return { year, month: Math.floor((month - 1) / length) * length + 1 };
}

/** Year and month moved by `months` (either way). */
function shift({ year, month }: { year: number; month: number }, months: number) {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (m: { year: number; month: number }, timeZone: string, at = '00:00') =>
  atWallClock(`${String(m.year).padStart(4, '0')}-${pad(m.month)}-01T${at}`, timeZone);

/**
 * The last full period before `now` in `timeZone`: on 2026-12-06 the month of November, or the
 * third quarter. A report sent at any moment of December (early or late) is November's.
 */
export function lastFullPeriod(
  frequency: ReportFrequency,
  now: Date,
  timeZone: string,
): ReportPeriod {
  const current = periodStartMonth(frequency, now, timeZone);
  const first = shift(current, -monthsOf(frequency));
  const key =
    frequency === 'monthly'
      ? `${first.year}-${pad(first.month)}`
      : `${first.year}Q${(first.month - 1) / 3 + 1}`;
  return { key, from: monthStart(first, timeZone), to: monthStart(current, timeZone) };
}

/** When the period `now` falls in has ended and its report goes out: the next period's first morning. */
export function nextSendingAt(frequency: ReportFrequency, now: Date, timeZone: string): Date {
  const next = shift(periodStartMonth(frequency, now, timeZone), monthsOf(frequency));
  return monthStart(next, timeZone, SEND_AT);
}
