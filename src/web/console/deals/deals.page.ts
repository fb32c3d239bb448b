import { AuditEntryDto } from 'src/audit/dto/audit-entry.dto';
import { Locale } from 'src/config/config';
import { DealCheckInDto, DealDto, IntentDto, TaskDto } from 'src/deals/dto/deals.dto';
import { CHECK_IN_MONTHS, CONTRACT_CATEGORIES, DEAL_TYPES, DealType } from 'src/deals/follow-up';
import { STAGES, STAGE_LIFECYCLE, Stage } from 'src/deals/follow-up-status';
import { FEN_PER_WAN } from 'src/common/money';
import { isStale, money, typedForm } from 'src/web/console/console-forms';
import { doneOf, Form, Refusal } from 'src/web/forms';

/**
 * What the deals board, a deal's page and the new deal's form show, from the services' DTOs, and
 * how their forms are read: pure, so it is tested without a browser. The controller loads, this
 * presents, the templates draw.
 */

/** The board's address, and a deal's page. */
export const BOARD = '/console/deals';
export const dealPath = (id: string): string => `${BOARD}/${id}`;

/** What these pages' changes (`?done=`) may announce; anything else announces nothing. */
const DONE = [
  'moved',
  'recorded',
  'contacted',
  'checkedIn',
  'registered',
  'taskCreated',
  'taskDone',
] as const;

export type DealsDone = (typeof DONE)[number];

/** The notice after a change (`outcomes.done.<done>`), or undefined. */
export const doneNotice = (done: unknown): string | undefined => doneOf(done, DONE);

/** The titles of the events and results the items name. */
export interface Titles {
  events: Map<string, string>;
  results: Map<string, string>;
}

/** How the pages read: the reader's language, and after how many days without contact a follow-up is stale. */
export interface Reading {
  locale: Locale;
  staleDays: number;
  now?: Date;
}

/** The titles an intent or a deal shows of the event and the result it names. */
export interface Named {
  eventTitle?: string;
  resultTitle?: string;
}

export interface IntentCard extends IntentDto, Named {
  stale: boolean;
  moves: Stage[];
  /** Negotiating: the card offers to record the deal. */
  signable: boolean;
}

export interface DealView extends DealDto, Named {
  /** The contract value as readers expect it (万元 / 亿元, or yuan). */
  value: string;
  stale: boolean;
  moves: Stage[];
}

export interface BoardColumn {
  stage: Stage;
  count: number;
  intents: IntentCard[];
  deals: DealView[];
}

/** A refused stage move, shown on the card (or the deal) it was for. */
export interface RefusedMove extends Refusal {
  id: string;
  form: Form;
}

/** What a page shows besides its records: the notice after a change, or a refused move. */
export interface Shown {
  /** `outcomes.done.<done>`: see doneNotice. */
  done?: string;
  moveForm?: RefusedMove;
}

export interface BoardPage extends Shown {
  columns: BoardColumn[];
  staleDays: number;
}

/** The stages an item at `stage` may move to, for the move form's choices (signing has its own form). */
export const nextStages = (stage: Stage, signing: boolean): Stage[] =>
  STAGE_LIFECYCLE.next(stage).filter((to) => !(signing && to === 'signed'));

const isOpen = (stage: Stage) => stage !== 'landed' && stage !== 'dropped';

const staleness = (item: IntentDto | DealDto, reading: Reading) =>
  isOpen(item.stage) && isStale(item.lastContactAt, reading.staleDays, reading.now);

export function named(item: IntentDto | DealDto, titles: Titles): Named {
  return {
    eventTitle: item.eventId ? titles.events.get(item.eventId) : undefined,
    resultTitle: item.resultId ? titles.results.get(item.resultId) : undefined,
  };
}

/** A deal as a card or a page shows it. */
export function dealView(deal: DealDto, titles: Titles, reading: Reading): DealView {
  return {
    ...deal,
    ...named(deal, titles),
    value: money(deal.contractValueFen, reading.locale),
    stale: staleness(deal, reading),
    moves: nextStages(deal.stage, false),
  };
}

/** The board's columns, a stage each; a signed intent goes on as its deal. */
export function boardColumns(
  intents: IntentDto[],
  deals: DealDto[],
  titles: Titles,
  reading: Reading,
): BoardColumn[] {
  const signed = new Set(deals.map((d) => d.intentId));
  const open = intents.filter((i) => !signed.has(i.id));
  return STAGES.map((stage) => ({
    stage,
    count: [...open, ...deals].filter((item) => item.stage === stage).length,
    intents: open
      .filter((i) => i.stage === stage)
      .map((i) => ({
        ...i,
        ...named(i, titles),
        stale: staleness(i, reading),
        moves: nextStages(i.stage, true),
        signable: i.stage === 'negotiating',
      })),
    deals: deals.filter((d) => d.stage === stage).map((d) => dealView(d, titles, reading)),
  }));
}

/** The board: intents and deals by stage. */
export function boardPage(
  intents: IntentDto[],
  deals: DealDto[],
  titles: Titles,
  reading: Reading,
  shown: Shown = {},
): BoardPage {
  return {
    columns: boardColumns(intents, deals, titles, reading),
    staleDays: reading.staleDays,
    ...shown,
  };
}

export interface HistoryLine extends AuditEntryDto {
  from?: string;
  to?: string;
  note?: string;
}

/** A history line: what was done, and the stage or note or reason it carried. */
export function historyLine(entry: AuditEntryDto): HistoryLine {
  const after = entry.after ?? {};
  const before = entry.before ?? {};
  return {
    ...entry,
    action: entry.action.startsWith('check_in_') ? 'check_in' : entry.action,
    from: typeof before.stage === 'string' ? before.stage : undefined,
    to: typeof after.stage === 'string' ? after.stage : undefined,
    note: typeof after.note === 'string' && after.note ? after.note : undefined,
  };
}

export interface CheckInView {
  at: Date;
  months: number;
  landed: boolean;
  received: string;
  outputValue: string;
  note: string;
}

/** A 3/6/12-month check-in as the deal's page shows it. */
export function checkInView(checkIn: DealCheckInDto, locale: Locale): CheckInView {
  return {
    at: checkIn.recordedAt,
    months: checkIn.months,
    landed: checkIn.landed,
    received: money(checkIn.receivedFen, locale),
    outputValue: money(checkIn.outputValueFen, locale),
    note: checkIn.note,
  };
}

/** What a deal's page is drawn from. */
export interface DealRecords {
  deal: DealDto;
  history: AuditEntryDto[];
  checkIns: DealCheckInDto[];
  tasks: TaskDto[];
}

/** What a deal's page shows besides its records: a notice, a refused move, or one of its forms refused. */
export interface DealShown extends Shown {
  /** `refused.<contact|checkIn|task>`: what was typed and the refusal (see refusedOn). */
  refused?: Form;
}

export interface DealPage extends DealShown {
  title: string;
  deal: DealView;
  history: HistoryLine[];
  checkIns: CheckInView[];
  /** The contacts recorded, from the history. */
  contacts: AuditEntryDto[];
  /** A task not done by its day is due. */
  tasks: (TaskDto & { due: boolean })[];
  months: readonly number[];
  /** The contract's registration (认定登记) as read, its amount in 万元 / 亿元; none before. */
  registration?: { category: string; number: string; amount: string; on: string };
  /** The agreed investment (协议投资额), when the agreement names one. */
  investment?: string;
  categories: readonly string[];
  /** The registration form's values: what was refused, else the registration as it stands. */
  registrationForm: Form;
  today: string;
}

/** A deal's page: its facts, tasks, contacts, check-ins and history; `today` in the organizer's time zone. */
export function dealPage(
  { deal, history, checkIns, tasks }: DealRecords,
  titles: Titles,
  reading: Reading & { today: string },
  shown: DealShown = {},
): DealPage {
  const { today } = reading;
  return {
    title: `${deal.enterpriseName} × ${deal.institutionName}`,
    deal: dealView(deal, titles, reading),
    history: history.map(historyLine),
    checkIns: checkIns.map((c) => checkInView(c, reading.locale)),
    contacts: history.filter((e) => e.action === 'contacted'),
    tasks: tasks.map((t) => ({ ...t, due: !t.doneAt && t.dueOn <= today })),
    months: CHECK_IN_MONTHS,
    registration: deal.registration
      ? {
          category: deal.registration.category,
          number: deal.registration.registrationNumber,
          amount: money(deal.registration.registeredAmountFen, reading.locale),
          on: deal.registration.registeredOn,
        }
      : undefined,
    investment: deal.investmentFen == null ? undefined : money(deal.investmentFen, reading.locale),
    categories: CONTRACT_CATEGORIES,
    registrationForm:
      (shown.refused?.registration as { form?: Form } | undefined)?.form ?? registrationForm(deal),
    today,
    ...shown,
  };
}

/** The registration form as it starts: the registration as it stands (amount in 万元), else the deal's category. */
function registrationForm(deal: DealDto): Form {
  const r = deal.registration;
  return {
    category: r?.category ?? deal.contractCategory ?? '',
    registrationNumber: r?.registrationNumber ?? '',
    registeredAmountWan: r ? String(r.registeredAmountFen / FEN_PER_WAN) : '',
    registeredOn: r?.registeredOn ?? '',
  };
}

/** The amounts of the deals' forms: each box (typed in 万元) and the DTO's field in fen it fills. */
export const DEAL_AMOUNTS = {
  contractValueWan: 'contractValueFen',
  investmentWan: 'investmentFen',
} as const;
export const CHECK_IN_AMOUNTS = {
  receivedWan: 'receivedFen',
  outputValueWan: 'outputValueFen',
} as const;
export const REGISTRATION_AMOUNTS = { registeredAmountWan: 'registeredAmountFen' } as const;

/** The registration form as RegisterContractDto reads it (the amount typed in 万元). */
export function registrationInput(body: Form): Form {
  return typedForm(body ?? {}, { money: REGISTRATION_AMOUNTS });
}

export interface DealNewPage extends Partial<Refusal> {
  /** The intent the deal is recorded from, if any. */
  intent?: IntentDto & Named;
  events: { id: string; title: string }[];
  types: readonly DealType[];
  categories: readonly string[];
  form: Form;
}

/** The form of a new deal: what was typed (or blank), the events to choose from, any refusal. */
export function dealNewPage(
  intent: IntentDto | undefined,
  titles: Titles,
  events: { id: string; title: string }[],
  form: Form,
  refused?: Refusal,
): DealNewPage {
  return {
    intent: intent && { ...intent, ...named(intent, titles) },
    events: events.map(({ id, title }) => ({ id, title })),
    types: DEAL_TYPES,
    categories: CONTRACT_CATEGORIES,
    form,
    ...refused,
  };
}

/** A new deal's form as it starts: from the intent (if any), signed today. */
export function blankDeal(intent: IntentDto | undefined, today: string): Form {
  return {
    enterpriseName: intent?.enterpriseName ?? '',
    signedOn: today,
    type: 'transfer',
    eventId: intent?.eventId ?? '',
  };
}

/** The new deal's form as CreateDealDto reads it: the value and investment typed in 万元, the ceremony a checkbox. */
export function dealInput(body: Form): Form {
  // The intent is not a field of the deal: naming one signs it instead of recording a deal on its own.
  const fields: Form = { ...body };
  delete fields.intentId;
  // No category chosen yet: left out, not an empty one.
  if (!fields.contractCategory) delete fields.contractCategory;
  return typedForm(fields, {
    money: DEAL_AMOUNTS,
    checkboxes: ['atCeremony'],
  });
}

/** The check-in form as RecordDealCheckInDto reads it (amounts typed in 万元). */
export function checkInInput(body: Form): Form {
  // The page has a contact note too: this form's note has a name of its own.
  const { checkInNote, ...fields } = body ?? {};
  return typedForm(
    { ...fields, note: checkInNote },
    {
      money: CHECK_IN_AMOUNTS,
      checkboxes: ['landed'],
      numbers: ['months'],
    },
  );
}

/** A deal's new task as CreateTaskDto reads it: the deal's, for its owner (or whoever adds it). */
export function taskInput(body: Form, deal: DealDto, userId: string): Form {
  return { ...body, dealId: deal.id, ownerId: deal.ownerId ?? userId };
}

/** A stage move as MoveStageDto reads it. */
export const moveInput = (body: Form): Form => ({ stage: body?.stage, reason: body?.reason });

/** A move is made from the board, or from a deal's page (`back=deal`): where it goes back to. */
export const movedFromDeal = (body: Form): boolean => body?.back === 'deal';

/** A refused move as the board or the deal's page shows it, under `moveForm`. */
export function refusedMove(id: string, typed: Form, refusal: Refusal): { moveForm: RefusedMove } {
  return { moveForm: { id, form: typed, ...refusal } };
}

/**
 * Amounts are typed in 万元, not the DTO's fen: a refused amount is told beside its box (`amounts`:
 * box → DTO field) in 万元 (`text`).
 */
export function inWan(
  refusal: Refusal,
  amounts: Readonly<Record<string, string>>,
  text: string,
): Refusal {
  const fields = { ...refusal.fields };
  for (const [box, field] of Object.entries(amounts)) {
    if (!fields[field]) continue;
    delete fields[field];
    fields[box] = text;
  }
  return { ...refusal, fields };
}
