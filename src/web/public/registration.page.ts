import { EventDto, QuestionDto } from 'src/events/dto/event.dto';
import { InvitationDetailDto } from 'src/invitations/dto/invitation.dto';
import { RegistrationDto } from 'src/registrations/dto/registration.dto';
import { venueOf } from 'src/events/event-rules';
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

/** What the registration's page says it just did (Post/Redirect/Get's `?done=`). */
export const REGISTRATION_NOTICES = ['registered', 'cancelled', 'confirmed', 'sharing'] as const;
export type RegistrationNotice = (typeof REGISTRATION_NOTICES)[number];

export function noticeOf(done: unknown): RegistrationNotice | undefined {
  return REGISTRATION_NOTICES.find((notice) => notice === done);
}

/** One co-host of the event and whether the registrant shares their contacts with it. */
export interface CoHostChoice {
  organizationId: string;
  name: string;
  shared: boolean;
}

/**
 * A registration's own page, reached by its link (its token) or by the registrant's account: the
 * ticket. Its QR code, the event's time and full place, a calendar file, and cancelling (through
 * a page that asks first).
 */
export interface RegistrationPage {
  registration: RegistrationDto;
  event: EventDto;
  qrSvg: string | undefined;
  /** The event's address and room as one line ('' online). */
  venue: string;
  /** The event as a calendar file, opened by the same token. */
  calendarUrl: string;
  /** The page that asks "cancel?" before the cancel button posts. */
  cancelPage: string;
  /** Where the cancel button posts: the page's own address, with the link's token. */
  cancelAction: string;
  /** Back to the ticket from the cancel page. */
  selfUrl: string;
  cancellable: boolean;
  /** Where the confirm button posts, while a guest's seat is held for them. */
  confirmAction: string;
  confirmable: boolean;
  notice: RegistrationNotice | undefined;
  /** The event's co-hosts and the registrant's separate consent for each (theirs alone to change). */
  coHosts: CoHostChoice[];
  /** Where a co-host's consent is given or withdrawn, with the link's token. */
  sharingAction: string;
}

export function registrationPage(
  registration: RegistrationDto,
  event: EventDto,
  qrSvg: string | undefined,
  token: string | undefined,
  notice?: RegistrationNotice,
  coHosts: CoHostChoice[] = [],
): RegistrationPage {
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  const base = `/registrations/${registration.id}`;
  return {
    registration,
    event,
    qrSvg,
    venue: venueOf(event),
    calendarUrl: `/api${base}/calendar.ics${query}`,
    cancelPage: `${base}/cancel${query}`,
    cancelAction: `${base}/cancel${query}`,
    selfUrl: `${base}${query}`,
    cancellable: REGISTRATION_LIFECYCLE.can(registration.status, 'cancelled'),
    confirmAction: `${base}/confirm${query}`,
    confirmable: registration.status === 'held',
    notice,
    coHosts,
    sharingAction: `${base}/co-host-sharing${query}`,
  };
}
