import { FieldProblem } from 'src/common/errors/domain-error';
import { RegistrationQuestion, Visibility } from 'src/events/event-kinds';
import { EventStatus } from 'src/events/event-status';

export type Answers = Record<string, string | string[]>;

export type RegistrationRefusal =
  | { code: 'REGISTRATION_CLOSED'; details: Record<string, unknown> }
  | { code: 'REGISTRATION_INVITATION_REQUIRED'; details: Record<string, unknown> };

/**
 * Why the person may not register for the event now, or undefined when they may. `invited`: they
 * hold an invitation, which invitation-only and closed-door events require.
 */
export function registrationRefusal(
  event: {
    status: EventStatus;
    visibility: Visibility;
    registrationOpensAt: Date | null;
    registrationClosesAt: Date | null;
  },
  now: Date,
  invited = false,
): RegistrationRefusal | undefined {
  if (event.status !== 'registration_open') {
    return { code: 'REGISTRATION_CLOSED', details: { status: event.status } };
  }
  if (event.registrationOpensAt && now < event.registrationOpensAt) {
    return { code: 'REGISTRATION_CLOSED', details: { opensAt: event.registrationOpensAt } };
  }
  if (event.registrationClosesAt && now >= event.registrationClosesAt) {
    return { code: 'REGISTRATION_CLOSED', details: { closedAt: event.registrationClosesAt } };
  }
  if (event.visibility !== 'public' && !invited) {
    return { code: 'REGISTRATION_INVITATION_REQUIRED', details: { visibility: event.visibility } };
  }
  return undefined;
}

function problem(field: string, rule: string, zh: string, en: string): FieldProblem {
  return { field, rule, message: { 'zh-CN': zh, en } };
}

/** Checks the answers to the event's questions; unknown questions are refused too. */
export function answerProblems(
  questions: readonly RegistrationQuestion[],
  answers: Answers,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id))
      problems.push(
        problem(`answers.${id}`, 'unknown', '没有这个问题', 'is not a question of this event'),
      );
  }
  for (const q of questions) {
    const field = `answers.${q.id}`;
    const answer = answers[q.id];
    const empty =
      answer === undefined || answer === '' || (Array.isArray(answer) && answer.length === 0);
    if (empty) {
      if (q.required) problems.push(problem(field, 'required', '必须回答', 'must be answered'));
      continue;
    }
    if (q.kind === 'multiple_choice') {
      if (!Array.isArray(answer) || answer.some((a) => !q.options.includes(a))) {
        problems.push(
          problem(field, 'choice', '请从选项中选择', 'must be a list of the given options'),
        );
      }
    } else if (typeof answer !== 'string') {
      problems.push(problem(field, 'text', '必须是文本', 'must be text'));
    } else if (q.kind === 'single_choice' && !q.options.includes(answer)) {
      problems.push(problem(field, 'choice', '请从选项中选择', 'must be one of the given options'));
    } else if (answer.length > 2000) {
      problems.push(
        problem(field, 'maxLength', '不能超过 2000 个字符', 'must be at most 2000 characters'),
      );
    }
  }
  return problems;
}

/**
 * Whether a registrant's seat is only held until they confirm by the link sent to them: a guest
 * (no account) of a public event whose organizers ask guests to confirm. Invitees came by a link
 * sent to them already, and an account's holder is known.
 */
export function holdsUntilConfirmed(
  event: { guestsConfirm: boolean; visibility: Visibility },
  registrant: { userId: string | null },
): boolean {
  return event.guestsConfirm && event.visibility === 'public' && registrant.userId === null;
}

/** When a hold that starts at `now` ends. */
export function holdEndsAt(now: Date, holdMinutes: number): Date {
  return new Date(now.getTime() + holdMinutes * 60_000);
}

const CONTACT_NEEDED = {
  'zh-CN': '请填写手机号或邮箱（至少一项）',
  en: 'Please give a mobile number or an e-mail address (or both)',
};

/**
 * What a guest (no account) must give besides the form's fields: a name, and a mobile number or an
 * e-mail address. A page reports these with the form's other problems, all at once; the service
 * refuses the same registration with REGISTRATION_GUEST_DETAILS_REQUIRED.
 */
export function guestDetailProblems(input: Record<string, unknown>): FieldProblem[] {
  const given = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  return [
    ...(given(input.name)
      ? []
      : [
          {
            field: 'name',
            rule: 'isNotEmpty',
            message: { 'zh-CN': '请填写姓名', en: 'Please fill in the name' },
          },
        ]),
    ...(given(input.email) || given(input.mobile)
      ? []
      : (['mobile', 'email'] as const).map((field) => ({
          field,
          rule: 'contactRequired',
          message: CONTACT_NEEDED,
        }))),
  ];
}
