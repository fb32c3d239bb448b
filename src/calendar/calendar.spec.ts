import { toICalendar } from 'src/calendar/calendar';

const entry = {
  id: '6d880469-7b42-4886-9127-0441c0aa187f',
  title: '校企双进·新材料专场成果路演',
  summary: '新材料、新能源领域科技成果路演; 企业与投资机构现场对接, 签约。',
  startsAt: new Date('2026-12-18T06:00:00Z'),
  endsAt: new Date('2026-12-18T09:00:00Z'),
  location: '成都市高新区天府大道北段 1700 号',
  url: 'http://duijie.test/activities/6d880469-7b42-4886-9127-0441c0aa187f',
  cancelled: false,
  updatedAt: new Date('2026-11-21T00:00:00Z'),
};

/** Unfolds RFC 5545 continuation lines. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

describe('toICalendar', () => {
  it('writes an event with its times in UTC, place, link and escaped text', () => {
    const text = unfold(toICalendar('对接', [entry], new Date('2026-11-21T10:00:00Z')));
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(text).toContain(`UID:${entry.id}@duijie`);
    expect(text).toContain('DTSTART:20261218T060000Z');
    expect(text).toContain('DTEND:20261218T090000Z');
    expect(text).toContain(`URL;VALUE=URI:${entry.url}`);
    expect(text).toContain('SUMMARY:校企双进·新材料专场成果路演');
    expect(text).toContain(
      'DESCRIPTION:新材料、新能源领域科技成果路演\\; 企业与投资机构现场对接\\, 签约。',
    );
    expect(text).toContain('LOCATION:成都市高新区天府大道北段 1700 号');
    expect(text).toContain('STATUS:CONFIRMED');
  });

  it('marks a cancelled event, with a later sequence than before', () => {
    const before = toICalendar('对接', [entry]);
    const after = toICalendar('对接', [
      { ...entry, cancelled: true, updatedAt: new Date('2026-11-22T00:00:00Z') },
    ]);
    const sequence = (text: string) => Number(/SEQUENCE:(\d+)/.exec(text)![1]);
    expect(after).toContain('STATUS:CANCELLED');
    expect(sequence(after)).toBeGreaterThan(sequence(before));
  });

  it('folds long lines at 75 octets', () => {
    const long = toICalendar('对接', [{ ...entry, title: '很长的标题'.repeat(20) }]);
    for (const line of long.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});
