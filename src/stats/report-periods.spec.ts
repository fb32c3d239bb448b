import { lastFullPeriod, nextSendingAt } from 'src/stats/report-periods';

const SHANGHAI = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('report periods', () => {
  it.each([
    // now (UTC)                  frequency     key         from (UTC)                  to (UTC)
    [
      '2026-12-06T10:00:00Z',
      'monthly',
      '2026-11',
      '2026-10-31T16:00:00.000Z',
      '2026-11-30T16:00:00.000Z',
    ],
    // 1 January 00:30 in Shanghai is still 31 December in UTC: the zone decides.
    [
      '2026-12-31T16:30:00Z',
      'monthly',
      '2026-12',
      '2026-11-30T16:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
    ],
    [
      '2026-12-31T15:30:00Z',
      'monthly',
      '2026-11',
      '2026-10-31T16:00:00.000Z',
      '2026-11-30T16:00:00.000Z',
    ],
    [
      '2027-01-15T02:00:00Z',
      'monthly',
      '2026-12',
      '2026-11-30T16:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
    ],
    [
      '2026-12-06T10:00:00Z',
      'quarterly',
      '2026Q3',
      '2026-06-30T16:00:00.000Z',
      '2026-09-30T16:00:00.000Z',
    ],
    [
      '2026-02-01T00:00:00Z',
      'quarterly',
      '2025Q4',
      '2025-09-30T16:00:00.000Z',
      '2025-12-31T16:00:00.000Z',
    ],
    [
      '2026-04-01T00:00:00Z',
      'quarterly',
      '2026Q1',
      '2025-12-31T16:00:00.000Z',
      '2026-03-31T16:00:00.000Z',
    ],
  ] as const)('at %s the last full %s period is %s', (now, frequency, key, from, to) => {
    const period = lastFullPeriod(frequency, at(now), SHANGHAI);
    expect({
      key: period.key,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
    }).toEqual({ key, from, to });
  });

  it.each([
    ['2026-12-06T10:00:00Z', 'monthly', '2027-01-01T00:00:00.000Z'],
    ['2026-11-30T23:00:00Z', 'monthly', '2027-01-01T00:00:00.000Z'],
    ['2026-12-06T10:00:00Z', 'quarterly', '2027-01-01T00:00:00.000Z'],
    ['2026-05-06T10:00:00Z', 'quarterly', '2026-07-01T00:00:00.000Z'],
  ] as const)(
    'at %s the %s report goes out next at %s (08:00 in Shanghai)',
    (now, frequency, next) => {
      expect(nextSendingAt(frequency, at(now), SHANGHAI).toISOString()).toBe(next);
    },
  );

  it('sends, at its sending time, the period that has just ended', () => {
    const sending = nextSendingAt('monthly', at('2026-12-06T10:00:00Z'), SHANGHAI);
    expect(lastFullPeriod('monthly', sending, SHANGHAI).key).toBe('2026-12');
  });
});
