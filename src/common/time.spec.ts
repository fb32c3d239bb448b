import {
  atWallClock,
  dayBounds,
  dayIn,
  formatDateTime,
  formatSpan,
  fromWallClock,
  isDay,
  isTimeZone,
  quarterIn,
  quartersBetween,
  todayIn,
  toWallClock,
  yearIn,
  yearStart,
} from 'src/common/time';

describe('time', () => {
  const moment = new Date('2026-12-18T06:00:00Z');

  it('shows a moment in the event’s zone and the reader’s language', () => {
    expect(formatDateTime(moment, 'Asia/Shanghai', 'zh-CN')).toBe('2026年12月18日周五 14:00');
    expect(formatDateTime(moment, 'Asia/Shanghai', 'en')).toBe('Fri, 18 Dec 2026, 14:00');
    expect(formatDateTime(moment, 'Europe/Berlin', 'en')).toBe('Fri, 18 Dec 2026, 07:00');
  });

  it('writes a span with its day once, unless it ends on another day in the event’s zone', () => {
    const end = new Date('2026-12-18T07:30:00Z');
    expect(formatSpan(moment, end, 'Asia/Shanghai', 'zh-CN')).toBe(
      '2026年12月18日周五 14:00–15:30',
    );
    expect(formatSpan(moment, end, 'Asia/Shanghai', 'en')).toBe('Fri, 18 Dec 2026, 14:00–15:30');
    // 23:00 to 00:30 in Shanghai crosses midnight, though both are the 18th in UTC.
    const late = new Date('2026-12-18T15:00:00Z');
    expect(formatSpan(late, new Date('2026-12-18T16:30:00Z'), 'Asia/Shanghai', 'en')).toBe(
      'Fri, 18 Dec 2026, 23:00 – Sat, 19 Dec 2026, 00:30',
    );
  });

  it.each([
    ['Asia/Shanghai', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['', false],
  ])('isTimeZone(%s) → %s', (zone, valid) => {
    expect(isTimeZone(zone)).toBe(valid);
  });

  it.each([
    // [instant, zone, day, year, quarter]
    ['2026-12-31T16:30:00Z', 'Asia/Shanghai', '2027-01-01', 2027, '2027Q1'],
    ['2026-12-31T15:59:59Z', 'Asia/Shanghai', '2026-12-31', 2026, '2026Q4'],
    ['2026-03-31T23:30:00Z', 'Europe/Berlin', '2026-04-01', 2026, '2026Q2'],
    ['2026-07-01T03:00:00Z', 'America/New_York', '2026-06-30', 2026, '2026Q2'],
  ])('%s in %s falls on %s, year %s, %s', (instant, zone, day, year, quarter) => {
    const date = new Date(instant);
    expect(dayIn(date, zone)).toBe(day);
    expect(yearIn(date, zone)).toBe(year);
    expect(quarterIn(date, zone)).toBe(quarter);
  });

  it('turns a zone’s days and wall-clock times into instants, across summer time', () => {
    expect(atWallClock('2026-12-18T14:00', 'Asia/Shanghai').toISOString()).toBe(
      '2026-12-18T06:00:00.000Z',
    );
    expect(atWallClock('2026-07-01T09:00', 'Europe/Berlin').toISOString()).toBe(
      '2026-07-01T07:00:00.000Z',
    );
    expect(dayBounds('2026-03-29', 'Europe/Berlin')).toEqual({
      start: new Date('2026-03-28T23:00:00Z'),
      end: new Date('2026-03-29T22:00:00Z'),
    });
    expect(yearStart(2027, 'Asia/Shanghai')).toEqual(new Date('2026-12-31T16:00:00Z'));
    expect(todayIn('Asia/Shanghai', new Date('2026-12-06T17:00:00Z'))).toBe('2026-12-07');
  });

  it('reads and writes datetime-local values, leaving anything else for the DTO', () => {
    expect(fromWallClock('2027-04-16T09:00', 'Asia/Shanghai')).toBe('2027-04-16T01:00:00.000Z');
    expect(fromWallClock('tomorrow', 'Asia/Shanghai')).toBe('tomorrow');
    expect(toWallClock('2027-04-16T01:00:00Z', 'Asia/Shanghai')).toBe('2027-04-16T09:00');
    expect([isDay('2026-12-06'), isDay('2026-13-06'), isDay('20261206'), isDay(7)]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('lists every quarter between two, the empty ones too', () => {
    expect(quartersBetween('2026Q3', '2027Q2')).toEqual(['2026Q3', '2026Q4', '2027Q1', '2027Q2']);
    expect(quartersBetween('2026Q1', '2026Q1')).toEqual(['2026Q1']);
    expect(quartersBetween('2026Q2', '2026Q1')).toEqual([]);
  });
});
