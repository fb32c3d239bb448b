import { EventDto, QuestionDto } from 'src/events/dto/event.dto';
import { InvitationDetailDto } from 'src/invitations/dto/invitation.dto';
import { RegistrationDto } from 'src/registrations/dto/registration.dto';
import { answersOf, invitationPage, registrationPage } from 'src/web/public/registration.page';

const question = (id: string, kind: QuestionDto['kind']) =>
  ({ id, kind, label: id, options: [], required: false }) as QuestionDto;

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
    expect(registrationPage(registration({}), undefined, '<svg/>', 'a b')).toMatchObject({
      qrSvg: '<svg/>',
      cancelAction: '/registrations/r1/cancel?token=a%20b',
      cancellable: true,
    });
    expect(
      registrationPage(registration({ status: 'cancelled' }), undefined, undefined, undefined),
    ).toMatchObject({ cancelAction: '/registrations/r1/cancel', cancellable: false });
  });
});
