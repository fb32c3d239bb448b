import { AgendaDto } from 'src/agenda/dto/agenda.dto';
import { AgendaError } from 'src/agenda/agenda.errors';
import { EventQueryDto } from 'src/events/dto/event.dto';
import { activityFilters, found, publishedAgenda } from 'src/web/public/public.page';

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
});
