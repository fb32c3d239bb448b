import { AgendaDto } from 'src/agenda/dto/agenda.dto';
import { AgendaError } from 'src/agenda/agenda.errors';
import { EventQueryDto } from 'src/events/dto/event.dto';
import {
  activityFilters,
  agendaDays,
  eventCards,
  found,
  publishedAgenda,
} from 'src/web/public/public.page';

describe('the public pages’ search and agenda', () => {
  it('reads the days picked as the reader’s days, first one’s start to last one’s end', () => {
    expect(
      activityFilters({ from: '2027-04-16', to: '2027-04-17', kind: 'salon' }, 'Asia/Shanghai'),
    ).toEqual({
      from: '2027-04-15T16:00:00.000Z',
      to: '2027-04-17T16:00:00.000Z',
      kind: 'salon',
    });
  });

  it('leaves out empty inputs and keeps anything else for the query to judge', () => {
    expect(activityFilters({ field: '', from: 'soon' }, 'Asia/Shanghai')).toEqual({
      from: 'soon',
    });
  });

  it('searches with what the form reads', async () => {
    const search = jest.fn().mockResolvedValue({ items: ['a', 'b'], total: 2 });
    const page = await found(EventQueryDto, { kind: 'salon', limit: 100 }, 'zh-CN', search);
    expect(page).toEqual({ items: ['a', 'b'], total: 2, problems: [] });
    expect(search).toHaveBeenCalledWith(expect.objectContaining({ kind: 'salon', limit: 100 }));
  });

  it('finds nothing and names the problems of a form that does not read, without searching', async () => {
    const search = jest.fn();
    const page = await found(EventQueryDto, { kind: 'party' }, 'en', search);
    expect(page.items).toEqual([]);
    expect(page.total).toBe(0);
    expect(page.problems).toHaveLength(1);
    expect(page.problems[0].message).toMatch(/^kind: /);
    expect(search).not.toHaveBeenCalled();
  });

  it('shows an unpublished agenda as none, and lets other errors through', async () => {
    const agenda = { items: [{ id: 'i1' }] } as AgendaDto;
    await expect(publishedAgenda(Promise.resolve(agenda))).resolves.toEqual([{ id: 'i1' }]);
    const unpublished = Promise.reject(AgendaError.AGENDA_NOT_PUBLISHED({ eventId: 'e1' }));
    await expect(publishedAgenda(unpublished)).resolves.toEqual([]);
    const missing = Promise.reject(AgendaError.AGENDA_ITEM_NOT_FOUND({}));
    await expect(publishedAgenda(missing)).rejects.toMatchObject({ code: 'AGENDA_ITEM_NOT_FOUND' });
  });

  it('puts the coming events first, soonest first, then those that are over, latest first and marked', () => {
    const now = new Date('2026-12-06T00:00:00Z');
    const event = (id: string, starts: string, capacity = true) => ({
      id,
      startsAt: new Date(starts),
      endsAt: new Date(new Date(starts).getTime() + 3 * 3600_000),
      capacity,
    });
    const cards = eventCards(
      [
        event('old', '2026-03-01T06:00:00Z'),
        event('later', '2027-05-01T06:00:00Z'),
        event('recent', '2026-10-01T06:00:00Z'),
        event('soon', '2026-12-20T06:00:00Z'),
      ],
      new Map([
        ['soon', 0],
        ['later', 29],
      ]),
      now,
    );
    expect(cards.map((c) => [c.id, c.past, c.seatsLeft, c.full])).toEqual([
      ['soon', false, 0, true],
      ['later', false, 29, false],
      ['recent', true, null, false],
      ['old', true, null, false],
    ]);
  });

  it('lists an agenda day by day, each item with its times alone', () => {
    const item = (id: string, from: string, to: string) => ({
      id,
      startsAt: new Date(from),
      endsAt: new Date(to),
    });
    const days = agendaDays(
      [
        item('visit', '2027-12-01T01:00:00Z', '2027-12-01T03:00:00Z'),
        item('opening', '2027-11-30T01:00:00Z', '2027-11-30T01:30:00Z'),
        item('talk', '2027-11-30T02:00:00Z', '2027-11-30T03:00:00Z'),
      ],
      'Asia/Shanghai',
    );
    expect(days.map((d) => d.items.map((i) => [i.id, i.from, i.to]))).toEqual([
      [
        ['opening', '09:00', '09:30'],
        ['talk', '10:00', '11:00'],
      ],
      [['visit', '09:00', '11:00']],
    ]);
    expect(days[0].day).toEqual(new Date('2027-11-30T01:00:00Z'));
  });
});
