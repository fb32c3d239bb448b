import { EventDto } from 'src/events/dto/event.dto';
import { QUESTION_KINDS } from 'src/events/event-kinds';
import { fromWallClock, toWallClock } from 'src/common/time';
import { listOf } from 'src/web/form-values';
import { Form } from 'src/web/forms';

/** What the event form posts: its fields as typed, questions as `questions.<n>.<part>`. */
export type EventForm = Form;

/** The kept-seats choice: a new event may leave it to its visibility's default. */
export const SEAT_HOLD_CHOICES = ['default', 'on', 'off'] as const;

/** Blank question rows offered below the event's own questions. */
const BLANK_QUESTIONS = 2;

const DATES = ['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt'] as const;
const LISTS = ['hosts', 'coOrganizers', 'industryFields'] as const;
/** Fields an edit may empty: left empty, they are cleared rather than left as they were. */
const CLEARABLE = [
  'seriesId',
  'venueAddress',
  'venueRoom',
  'streamUrl',
  'registrationOpensAt',
  'registrationClosesAt',
] as const;

/** The question rows typed in the form, in order; rows left without a label are no question. */
function typedQuestions(form: EventForm): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  for (let n = 0; typeof form[`questions.${n}.label`] === 'string'; n++) {
    const part = (name: string) => {
      const value = form[`questions.${n}.${name}`];
      return typeof value === 'string' ? value : '';
    };
    const label = part('label').trim();
    if (label === '') continue;
    const [id, kind, options, required] = ['id', 'kind', 'options', 'required'].map(part);
    rows.push({ id, label, kind, options, required });
  }
  return rows;
}

/** The questions as the DTO reads them; new ones get the first free key `q<n>`. */
function questionsOf(form: EventForm): Record<string, unknown>[] {
  const rows = typedQuestions(form);
  const taken = new Set(rows.map((row) => row.id).filter((id) => id !== ''));
  let next = 1;
  const freeKey = () => {
    while (taken.has(`q${next}`)) next++;
    taken.add(`q${next}`);
    return `q${next}`;
  };
  return rows.map((row) => ({
    // Kept questions keep their keys, so that the answers given already still match.
    id: row.id || freeKey(),
    label: row.label,
    kind: row.kind,
    ...(row.kind === 'text' ? {} : { options: listOf(row.options) ?? [] }),
    required: row.required === 'on',
  }));
}

/** The form as the API's event DTOs read it: wall-clock times of `timeZone`, lists split, questions nested. */
export function eventInput(
  form: EventForm,
  editing: boolean,
  timeZone: string,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    if (!key.startsWith('questions.') && key !== 'newSeriesName') input[key] = value;
  }
  for (const key of DATES) input[key] = fromWallClock(form[key], timeZone);
  for (const key of LISTS) input[key] = listOf(form[key]) ?? [];
  if (typeof form.capacity === 'string' && /^\d+$/.test(form.capacity.trim()))
    input.capacity = Number(form.capacity);
  input.questions = questionsOf(form);
  // A checkbox posts only when ticked.
  input.guestsConfirm = form.guestsConfirm === 'on';
  // Kept seats: chosen on or off, or (a new event) left to the default of its visibility.
  if (form.invitationsHoldSeats === 'on' || form.invitationsHoldSeats === 'off')
    input.invitationsHoldSeats = form.invitationsHoldSeats === 'on';
  else delete input.invitationsHoldSeats;
  if (editing) {
    delete input.capacity;
    for (const key of CLEARABLE)
      if (input[key] === '' || input[key] === undefined) input[key] = null;
  }
  return input;
}

/** An event as the form shows it to be edited. */
export function formOf(event: EventDto): EventForm {
  const form: EventForm = {
    ...event,
    hosts: event.hosts.join('\n'),
    coOrganizers: event.coOrganizers.join('\n'),
    industryFields: event.industryFields.join('、'),
    capacity: event.capacity ?? '',
    guestsConfirm: event.guestsConfirm ? 'on' : '',
    invitationsHoldSeats: event.invitationsHoldSeats ? 'on' : 'off',
  };
  for (const key of DATES) form[key] = event[key] ? toWallClock(event[key], event.timeZone) : '';
  event.questions.forEach((q, n) => {
    form[`questions.${n}.id`] = q.id;
    form[`questions.${n}.label`] = q.label;
    form[`questions.${n}.kind`] = q.kind;
    form[`questions.${n}.options`] = (q.options ?? []).join(', ');
    form[`questions.${n}.required`] = q.required ? 'on' : '';
  });
  return form;
}

/**
 * The question rows the form shows: the typed (or saved) ones, numbered as the DTO numbers them
 * (so that a problem of `questions.<n>.label` stands by its row), then blank ones to add more.
 */
export function questionRows(form: EventForm): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = typedQuestions(form).map((row) => ({
    ...row,
    required: row.required === 'on',
  }));
  for (let blank = 0; blank < BLANK_QUESTIONS; blank++)
    rows.push({ id: '', label: '', kind: 'text', options: '', required: false });
  return rows.map((row, n) => ({ ...row, n, kinds: QUESTION_KINDS }));
}
