import { FieldProblem } from 'src/common/errors/domain-error';
import { EventFormat, EventKind, RegistrationQuestion, Visibility } from 'src/events/event-kinds';
import { EventStatus } from 'src/events/event-status';
import { isTimeZone } from 'src/common/time';

export interface Schedule {
  startsAt: Date;
  endsAt: Date;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
}

function problem(field: string, rule: string, zh: string, en: string): FieldProblem {
  return { field, rule, message: { 'zh-CN': zh, en } };
}

/** What is wrong with an event's times, field by field (a time not given is not compared). */
export function scheduleProblems(s: { [K in keyof Schedule]?: Date | null }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (s.startsAt && s.endsAt && s.endsAt <= s.startsAt) {
    problems.push(
      problem(
        'endsAt',
        'afterStart',
        '结束时间必须晚于开始时间',
        'The end must be after the start',
      ),
    );
  }
  if (
    s.registrationOpensAt &&
    s.registrationClosesAt &&
    s.registrationClosesAt <= s.registrationOpensAt
  ) {
    problems.push(
      problem(
        'registrationClosesAt',
        'afterOpening',
        '报名截止必须晚于报名开始',
        'Registration must close after it opens',
      ),
    );
  }
  if (s.registrationClosesAt && s.endsAt && s.registrationClosesAt > s.endsAt) {
    problems.push(
      problem(
        'registrationClosesAt',
        'beforeEnd',
        '报名截止不能晚于活动结束',
        'Registration cannot close after the event ends',
      ),
    );
  }
  return problems;
}

/** A copy's new start must be ahead: a copy is a coming event's draft, never a past one. */
export function copyStartProblems(startsAt: Date | undefined, now: Date): FieldProblem[] {
  if (!startsAt || startsAt.getTime() > now.getTime()) return [];
  return [
    problem(
      'startsAt',
      'future',
      '新活动的开始时间已经过去，请选择以后的日期',
      'The new start has already passed: please choose a later date',
    ),
  ];
}

/** Question ids must be unique, and a choice needs at least two options. */
export function questionProblems(questions: RegistrationQuestion[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    if (seen.has(q.id)) {
      problems.push(
        problem(
          `questions.${i}.id`,
          'unique',
          '问题编号与前面的问题重复',
          'Another question already has this id',
        ),
      );
    }
    seen.add(q.id);
    // Options that are not a list at all are their own field's problem.
    const options: unknown = q.options ?? [];
    if (q.kind !== 'text' && Array.isArray(options) && options.length < 2) {
      problems.push(
        problem(
          `questions.${i}.options`,
          'choices',
          '选择题至少需要两个选项',
          'A choice needs at least two options',
        ),
      );
    }
  });
  return problems;
}

/** The time zone must be one the platform knows. */
export function timeZoneProblems(timeZone: string): FieldProblem[] {
  return isTimeZone(timeZone)
    ? []
    : [
        problem(
          'timeZone',
          'isTimeZone',
          '不是有效的时区，如 Asia/Shanghai',
          'Not a time zone the platform knows, like Asia/Shanghai',
        ),
      ];
}

/** A date that was read as one (a malformed one is its field's own problem, not compared). */
const readDate = (value: unknown): Date | null =>
  value instanceof Date && !Number.isNaN(value.getTime()) ? value : null;

/**
 * How an event form's fields fit together, read from the input as it came (its malformed fields
 * left to their own checks): the problems the event itself would be refused with, so a form names
 * them with the missing and malformed fields in one pass.
 */
export function eventInputProblems(input: {
  startsAt?: unknown;
  endsAt?: unknown;
  registrationOpensAt?: unknown;
  registrationClosesAt?: unknown;
  timeZone?: unknown;
  questions?: unknown;
}): FieldProblem[] {
  const questions = Array.isArray(input.questions) ? (input.questions as unknown[]) : [];
  const readable = questions.every(
    (q) =>
      typeof q === 'object' &&
      q !== null &&
      typeof (q as RegistrationQuestion).id === 'string' &&
      typeof (q as RegistrationQuestion).kind === 'string',
  );
  return [
    ...scheduleProblems({
      startsAt: readDate(input.startsAt),
      endsAt: readDate(input.endsAt),
      registrationOpensAt: readDate(input.registrationOpensAt),
      registrationClosesAt: readDate(input.registrationClosesAt),
    }),
    ...(readable ? questionProblems(questions as RegistrationQuestion[]) : []),
    ...(typeof input.timeZone === 'string' && input.timeZone !== ''
      ? timeZoneProblems(input.timeZone)
      : []),
  ];
}

/** What an event lacks before it can be published. */
export function publishProblems(e: {
  format: EventFormat;
  venueAddress: string | null;
}): FieldProblem[] {
  return e.format !== 'online' && !e.venueAddress
    ? [
        problem(
          'venueAddress',
          'required',
          '线下或混合活动需要填写地点',
          'is needed for an offline or hybrid event',
        ),
      ]
    : [];
}

/** Concluded, archived and cancelled events are history: they are no longer edited. */
export function isEditable(status: EventStatus): boolean {
  return !['concluded', 'archived', 'cancelled'].includes(status);
}

/** Where an offline or hybrid event takes place, address and room, as one line ('' if online). */
export function venueOf(event: { venueAddress: string | null; venueRoom: string | null }): string {
  return [event.venueAddress, event.venueRoom].filter(Boolean).join(' ');
}

/** Where an invitation is needed to come, invitees' seats are kept for them unless told otherwise. */
export function holdsInviteesSeatsByDefault(visibility: Visibility): boolean {
  return visibility !== 'public';
}

/**
 * When an invitee's kept seat is released if they have not answered: `holdDays` after the
 * invitation, but never after registration closes or the event starts. Null when that moment has
 * passed already (nothing is kept).
 */
export function inviteeSeatHeldUntil(
  now: Date,
  holdDays: number,
  event: { startsAt: Date; registrationClosesAt: Date | null },
): Date | null {
  const ends = Math.min(
    now.getTime() + holdDays * 24 * 3600 * 1000,
    (event.registrationClosesAt ?? event.startsAt).getTime(),
    event.startsAt.getTime(),
  );
  return ends > now.getTime() ? new Date(ends) : null;
}

/**
 * What a copy of an event keeps: its details and settings, its title marked as a copy (≤ 200),
 * its times moved by `shiftMs` together (a new start keeps the length and the registration window
 * where they were relative to it).
 */
export function copiedDetails<
  E extends {
    seriesId: string | null;
    organizationId: string;
    kind: EventKind;
    format: EventFormat;
    visibility: Visibility;
    title: string;
    startsAt: Date;
    endsAt: Date;
    registrationOpensAt: Date | null;
    registrationClosesAt: Date | null;
  },
>(event: E, shiftMs = 0) {
  const e = event as E & Record<string, unknown>;
  const kept = [
    'seriesId',
    'organizationId',
    'kind',
    'format',
    'visibility',
    'summary',
    'hosts',
    'coOrganizers',
    'industryFields',
    'venueAddress',
    'venueRoom',
    'streamUrl',
    'startsAt',
    'endsAt',
    'timeZone',
    'capacity',
    'registrationOpensAt',
    'registrationClosesAt',
    'sectorQuotas',
    'questions',
    'guestsConfirm',
    'invitationsHoldSeats',
    'reminderOffsetsMinutes',
    'retentionMonths',
  ];
  return {
    ...Object.fromEntries(kept.map((key) => [key, e[key]])),
    title: `${event.title.slice(0, 190)}（副本）`,
    ...shiftedTimes(event, shiftMs),
  };
}

/** An event's times, all moved by `shiftMs` (an unset one stays unset). */
export function shiftedTimes(event: Schedule, shiftMs: number): Schedule {
  const moved = (d: Date) => new Date(d.getTime() + shiftMs);
  return {
    startsAt: moved(event.startsAt),
    endsAt: moved(event.endsAt),
    registrationOpensAt: event.registrationOpensAt && moved(event.registrationOpensAt),
    registrationClosesAt: event.registrationClosesAt && moved(event.registrationClosesAt),
  };
}

/**
 * How far a draft's agenda moves with its start: a draft whose agenda nobody has seen (never
 * published) keeps its items where they were relative to the start; otherwise they stay put.
 */
export function draftAgendaShift(
  event: { status: EventStatus; agendaPublishedAt: Date | null; startsAt: Date },
  newStart: Date | undefined,
): number {
  if (!newStart || event.status !== 'draft' || event.agendaPublishedAt) return 0;
  return newStart.getTime() - event.startsAt.getTime();
}
