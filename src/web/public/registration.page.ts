import { EventDto, QuestionDto } from 'src/events/dto/event.dto';
import { InvitationDetailDto } from 'src/invitations/dto/invitation.dto';
import { RegistrationDto } from 'src/registrations/dto/registration.dto';
import { Answers } from 'src/registrations/registration-rules';
import { REGISTRATION_LIFECYCLE } from 'src/registrations/registration-status';
import { Form } from 'src/web/forms';

/**
 * What the pages of registering show: the register form's answers, an invitation to answer, and a
 * registration's own page. Pure, so it is tested without a browser.
 */

/** The answers to an event's questions, from form fields named `q.<question id>`. */
export function answersOf(questions: readonly QuestionDto[], body: Form): Answers {
  const answers: Answers = {};
  for (const q of questions) {
    const given = body[`q.${q.id}`];
    const values = (Array.isArray(given) ? given : [given]).filter(
      (v): v is string => typeof v === 'string' && v.trim() !== '',
    );
    if (values.length === 0) continue;
    answers[q.id] = q.kind === 'multiple_choice' ? values : values[0];
  }
  return answers;
}

/** Invitations with no answer yet (or declined, which may still be changed) can be answered. */
const ANSWERED = ['accepted', 'revoked', 'expired'];

/** An invitation's page: the event's questions to answer while the invitation can be answered. */
export interface InvitationPage {
  title: string;
  invitation: InvitationDetailDto;
  token: string;
  questions: QuestionDto[];
  answerable: boolean;
}

/** The invitation's page; `event` is undefined when a guest may not see it (a closed door). */
export function invitationPage(
  invitation: InvitationDetailDto,
  event: EventDto | undefined,
  token: string,
): InvitationPage {
  return {
    title: invitation.eventTitle,
    invitation,
    token,
    questions: event?.questions ?? [],
    answerable: !ANSWERED.includes(invitation.status),
  };
}

/** A registration's own page, reached by its link (its token) or by the registrant's account. */
export interface RegistrationPage {
  registration: RegistrationDto;
  event: EventDto | undefined;
  qrSvg: string | undefined;
  /** Where the cancel button posts: the page's own address, with the link's token. */
  cancelAction: string;
  cancellable: boolean;
}

export function registrationPage(
  registration: RegistrationDto,
  event: EventDto | undefined,
  qrSvg: string | undefined,
  token: string | undefined,
): RegistrationPage {
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return {
    registration,
    event,
    qrSvg,
    cancelAction: `/registrations/${registration.id}/cancel${query}`,
    cancellable: REGISTRATION_LIFECYCLE.can(registration.status, 'cancelled'),
  };
}
