import { EventDto } from 'src/events/dto/event.dto';
import { SeriesDto } from 'src/events/dto/series.dto';
import { OrganizationDto } from 'src/identity/dto/organization.dto';
import { editorPage } from 'src/web/console/events/event-editor.page';

const text = (key: string, values: Record<string, string | number> = {}) =>
  Object.keys(values).length ? `${key}(${JSON.stringify(values)})` : key;

describe('the event editor', () => {
  const own = { id: 'o1', name: '成都市生产力促进中心' } as OrganizationDto;
  const series = [
    { id: 's1', organizationId: 'o1', name: '校企双进' },
    { id: 's2', organizationId: 'o2', name: '菁蓉汇' },
    { id: 's3', organizationId: 'o3', name: '别家的系列' },
  ] as SeriesDto[];

  it('offers a new event the organizer’s one organization and its series', () => {
    const page = editorPage(
      undefined,
      { organizations: [own], series },
      { form: { kind: 'roadshow' } },
      text,
    );
    expect(page).toMatchObject({
      title: 'console.event.newTitle',
      section: 'new-event',
      action: '/console/events/new',
      moves: [],
      singleOrganization: own,
    });
    expect(page.consoleEvent).toBeUndefined();
    expect(page.series.map((s) => s.id)).toEqual(['s1']);
    // Two blank question rows to add questions.
    expect(page.questions).toHaveLength(2);
  });

  it('shows an event with its moves, its series and a refused form as typed', () => {
    const event = {
      id: 'e1',
      title: '新材料专场',
      status: 'draft',
      organizationId: 'o2',
    } as EventDto;
    const refused = { problem: '请修改', fields: { endsAt: '早于开始' }, details: [], status: 400 };
    const page = editorPage(
      event,
      { organizations: [own], series },
      { form: { title: '新材料专场' }, refused },
      text,
    );
    expect(page).toMatchObject({
      title: 'console.event.editTitle({"event":"新材料专场"})',
      section: 'event',
      consoleEvent: { id: 'e1', title: '新材料专场' },
      action: '/console/events/e1',
      moves: ['publish-and-open', 'published', 'cancelled'],
      problem: '请修改',
      fields: { endsAt: '早于开始' },
      form: { title: '新材料专场' },
    });
    expect(page.series.map((s) => s.id)).toEqual(['s1', 's2']);
  });

  it('offers as co-hosts the platform’s organizations but the organizer and those named already', () => {
    const event = {
      id: 'e1',
      title: '沙龙',
      status: 'published',
      organizationId: 'o1',
    } as EventDto;
    const bank = { id: 'o4', name: '科技银行' } as OrganizationDto;
    const park = { id: 'o5', name: '高新园区' } as OrganizationDto;
    const page = editorPage(
      event,
      {
        organizations: [own],
        series,
        coHosts: [{ organizationId: 'o4', name: '科技银行', kind: 'service' }],
        platformOrganizations: [own, bank, park],
      },
      { form: {} },
      text,
    );
    expect(page.coHosts.map((c) => c.organizationId)).toEqual(['o4']);
    expect(page.coHostChoices.map((o) => o.id)).toEqual(['o5']);
  });
});
