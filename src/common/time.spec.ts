import { formatDateTime, isTimeZone } from 'src/common/time';

describe('time', () => {
  const moment = new Date('2026-12-18T06:00:00Z');

  it('shows a moment in the event’s zone and the reader’s language', () => {
    expect(formatDateTime(moment, 'Asia/Shanghai', 'zh-CN')).toBe('2026年12月18日周五 14:00');
    expect(formatDateTime(moment, 'Asia/Shanghai', 'en')).toBe('Fri, 18 Dec 2026, 14:00');
    expect(formatDateTime(moment, 'Europe/Berlin', 'en')).toBe('Fri, 18 Dec 2026, 07:00');
  });

  it.each([
    ['Asia/Shanghai', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['', false],
  ])('isTimeZone(%s) → %s', (zone, valid) => {
    expect(isTimeZone(zone)).toBe(valid);
  });
});
