import { EventDto, QuestionDto } from 'src/events/dto/event.dto';
import { InvitationDetailDto } from 'src/invitations/dto/invitation.dto';
import { RegistrationDto } from 'src/registrations/dto/registration.dto';
import {
  answersOf,
  invitationPage,
  noticeOf,
  registrationPage,
} from 'src/web/public/registration.page';

const question = (id: string, kind: QuestionDto['kind']) =>
  ({ id, kind, label: id, options: [], required: false }) as QuestionDto;

const event = {
  id: 'e1',
  venueAddress: '成都市高新区天府大道 1 号',
  venueRoom: 'B 座 3 楼',
} as EventDto;

const registration = (fields: Partial<RegistrationDto>) =>
  ({
    id: 'r1',
    eventId: 'e1',
    status: 'confirmed',
    checkInCode: 'K7Q2',
    ...fields,
  }) as RegistrationDto;

describe('the pages of registering', () => {
  it('reads the answers from the `q.<id>` fields: one for a choice or text, a list for several', () => {
    const questions = [
      question('topic', 'single_choice'),
      question('needs', 'multiple_choice'),
      question('note', 'text'),
      question('size', 'text'),
    ];
    const body = { 'q.topic': '储能', 'q.needs': ['融资', '技术'], 'q.note': '  ', name: '周婷' };
    expect(answersOf(questions, body)).toEqual({ topic: '储能', needs: ['融资', '技术'] });
  });

  it('offers an invitation’s questions while it can be answered', () => {
    const invitation = { id: 'v1', eventTitle: '闭门精准对接会', status: 'declined' };
    const event = { questions: [question('topic', 'text')] } as EventDto;
    expect(invitationPage(invitation as InvitationDetailDto, event, 'tok')).toEqual({
      title: '闭门精准对接会',
      invitation,
      token: 'tok',
      questions: event.questions,
      answerable: true,
    });
    const accepted = { ...invitation, status: 'accepted' } as InvitationDetailDto;
    expect(invitationPage(accepted, undefined, 'tok')).toMatchObject({
      questions: [],
      answerable: false,
    });
  });

  it('posts the cancelling of a registration to its own address, with the link’s token', () => {
    expect(registrationPage(registration({}), event, '<svg/>', 'a b')).toMatchObject({
      qrSvg: '<svg/>',
      cancelAction: '/registrations/r1/cancel?token=a%20b',
      cancellable: true,
    });
    expect(
      registrationPage(registration({ status: 'cancelled' }), event, undefined, undefined),
    ).toMatchObject({ cancelAction: '/registrations/r1/cancel', cancellable: false });
  });

  it('offers confirming only while a guest’s seat is held for them', () => {
    expect(registrationPage(registration({ status: 'held' }), event, undefined, 't')).toMatchObject(
      { confirmAction: '/registrations/r1/confirm?token=t', confirmable: true },
    );
    expect(registrationPage(registration({}), event, undefined, 't').confirmable).toBe(false);
  });

  it('is the ticket: the full place, the calendar file and the ask-first cancel page, by the token', () => {
    expect(registrationPage(registration({}), event, undefined, 't', 'registered')).toMatchObject({
      venue: '成都市高新区天府大道 1 号 B 座 3 楼',
      calendarUrl: '/api/registrations/r1/calendar.ics?token=t',
      cancelPage: '/registrations/r1/cancel?token=t',
      selfUrl: '/registrations/r1?token=t',
      notice: 'registered',
    });
    expect([noticeOf('registered'), noticeOf('cancelled'), noticeOf('x'), noticeOf(['x'])]).toEqual(
      ['registered', 'cancelled', undefined, undefined],
    );
  });
});
