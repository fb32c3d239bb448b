import { AgendaItemDto } from 'src/agenda/dto/agenda.dto';
import { RoadshowCallViewDto, RoadshowDto } from 'src/roadshows/dto/roadshow.dto';
import { RefusedForm } from 'src/web/forms';
import { roadshowsPage, RoadshowsInput } from 'src/web/console/events/roadshows.page';

const event = {
  id: 'e1',
  title: '校企双进·新材料专场',
  startsAt: new Date('2027-04-16T01:00:00Z'),
  endsAt: new Date('2027-04-16T09:00:00Z'),
  kind: 'roadshow',
};

const roadshow = (fields: Partial<RoadshowDto>): RoadshowDto =>
  ({
    id: 'r1',
    resultTitle: '高性能硅碳负极材料',
    submittedBy: 'u1',
    presenterIds: ['u1', 'gone'],
    status: 'submitted',
    agendaItemId: null,
    reviews: [{ reviewerId: 'u2', reviewerName: '钱教授', score: 8, comment: '' }],
    ...fields,
  }) as RoadshowDto;

const input = (fields: Partial<RoadshowsInput>): RoadshowsInput => ({
  event,
  roadshows: [],
  agendaItems: [],
  experts: [
    { id: 'u1', name: '赵教授' },
    { id: 'u2', name: '钱教授' },
  ],
  timeZone: 'Asia/Shanghai',
  ...fields,
});

const refusal = (form: Record<string, unknown>): RefusedForm => ({
  form,
  problem: '该场地在此时间已有其他环节',
  fields: {},
  details: [],
  status: 409,
});

describe('the roadshow review page', () => {
  it('names the people of a submission and its reviewers', () => {
    const page = roadshowsPage(input({ roadshows: [roadshow({})] }));
    expect(page.submissions[0]).toMatchObject({
      presenterNames: ['赵教授', '—'],
      submitterName: '赵教授',
      reviewerIds: ['u2'],
      refused: undefined,
    });
  });

  it('starts a schedule form from the roadshow’s agenda item, else from the event’s start', () => {
    const item = {
      id: 'a1',
      startsAt: new Date('2027-04-16T02:00:00Z'),
      endsAt: new Date('2027-04-16T02:30:00Z'),
      room: '主会场',
    } as AgendaItemDto;
    const page = roadshowsPage(
      input({
        roadshows: [roadshow({ status: 'accepted', agendaItemId: 'a1' }), roadshow({ id: 'r2' })],
        agendaItems: [item],
      }),
    );
    expect(page.submissions.map((s) => s.scheduleForm)).toEqual([
      { startsAt: '2027-04-16T10:00', endsAt: '2027-04-16T10:30', room: '主会场' },
      { startsAt: '2027-04-16T09:00', endsAt: '2027-04-16T09:00' },
    ]);
  });

  it('shows a refused submission’s form as typed, beside that submission only', () => {
    const typed = { startsAt: '2027-04-16T10:15', room: '主会场' };
    const page = roadshowsPage(
      input({ roadshows: [roadshow({}), roadshow({ id: 'r2' })], refused: { r2: refusal(typed) } }),
    );
    expect(page.submissions[0].refused).toBeUndefined();
    expect(page.submissions[1]).toMatchObject({ refused: { form: typed }, scheduleForm: typed });
  });

  it('fills the call’s form from the call, or leaves it empty when there is none', () => {
    const call = {
      opensAt: new Date('2027-03-01T01:00:00Z'),
      closesAt: new Date('2027-04-01T10:00:00Z'),
      fields: ['新材料', '新能源'],
      description: '面向高校院所',
    } as RoadshowCallViewDto;
    expect(roadshowsPage(input({ call })).callForm).toEqual({
      opensAt: '2027-03-01T09:00',
      closesAt: '2027-04-01T18:00',
      fields: '新材料、新能源',
      description: '面向高校院所',
    });
    expect(roadshowsPage(input({})).callForm).toEqual({
      opensAt: '',
      closesAt: '',
      fields: '',
      description: '',
    });
    const typed = { closesAt: '2020-01-01T09:00' };
    expect(roadshowsPage(input({ call, refused: { call: refusal(typed) } })).callForm).toBe(typed);
  });
});
