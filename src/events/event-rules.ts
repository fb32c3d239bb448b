import { FieldProblem } from 'src/common/errors/domain-error';
import { EventFormat, RegistrationQuestion } from 'src/events/event-kinds';
import { EventStatus } from 'src/events/event-status';

export interface Schedule {
  startsAt: Date;
  endsAt: Date;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
}

function problem(field: string, rule: string, zh: string, en: string): FieldProblem {
  return { field, rule, message: { 'zh-CN': zh, en } };
}

/** What is wrong with an event's times, field by field. */
export function scheduleProblems(s: Schedule): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (s.endsAt <= s.startsAt) {
    problems.push(
      problem('endsAt', 'afterStart', '结束时间必须晚于开始时间', 'must be after startsAt'),
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
        'must be after registrationOpensAt',
      ),
    );
  }
  if (s.registrationClosesAt && s.registrationClosesAt > s.endsAt) {
    problems.push(
      problem(
        'registrationClosesAt',
        'beforeEnd',
        '报名截止不能晚于活动结束',
        'must not be after endsAt',
      ),
    );
  }
  return problems;
}

/** Question ids must be unique, and a choice needs at least two options. */
export function questionProblems(questions: RegistrationQuestion[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    if (seen.has(q.id)) {
      problems.push(
        problem(`questions.${i}.id`, 'unique', '问题编号重复', 'duplicates another question id'),
      );
    }
    seen.add(q.id);
    if (q.kind !== 'text' && q.options.length < 2) {
      problems.push(
        problem(
          `questions.${i}.options`,
          'choices',
          '选择题至少需要两个选项',
          'needs at least two options',
        ),
      );
    }
  });
  return problems;
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
