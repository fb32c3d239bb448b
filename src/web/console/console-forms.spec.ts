import { isStale, money, typedForm } from 'src/web/console/console-forms';

describe('outcomes forms', () => {
  it('types checkboxes, numbers and amounts (typed in 万元) as the DTOs take them', () => {
    expect(
      typedForm(
        { months: '6', receivedWan: '30', note: '已落地' },
        { money: { receivedWan: 'receivedFen' }, checkboxes: ['landed'], numbers: ['months'] },
      ),
    ).toEqual({ months: 6, receivedFen: 30_000_000, landed: false, note: '已落地' });
    expect(
      typedForm({ landed: 'true', months: '六' }, { checkboxes: ['landed'], numbers: ['months'] }),
    ).toEqual({ landed: true, months: '六' });
  });

  it('shows amounts the way each language reads them', () => {
    expect(money(120_000_000, 'zh-CN')).toBe('120万元');
    expect(money(120_000_000, 'en')).toBe('¥1.2 million');
  });

  it('calls a follow-up stale after the days without contact', () => {
    const now = new Date('2026-11-21T00:00:00Z');
    expect(isStale(new Date('2026-10-22T00:00:00Z'), 30, now)).toBe(false);
    expect(isStale(new Date('2026-10-21T23:00:00Z'), 30, now)).toBe(true);
  });
});
