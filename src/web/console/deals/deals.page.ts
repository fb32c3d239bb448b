import { AuditEntryDto } from 'src/audit/dto/audit-entry.dto';
import { Locale } from 'src/config/config';
import { DealCheckInDto, DealDto, IntentDto } from 'src/deals/dto/deals.dto';
import { STAGES, STAGE_LIFECYCLE, Stage } from 'src/deals/follow-up-status';
import { isStale, money } from 'src/web/console/console-forms';

/**
 * What the deals board and a deal's page show, from the services' DTOs: pure, so it is tested
 * without a browser. The controller loads, this presents, the templates draw.
 */

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

/** The stages an item at `stage` may move to, for the move form's choices (signing has its own form). */
export const nextStages = (stage: Stage, signing: boolean): Stage[] =>
  STAGE_LIFECYCLE.next(stage).filter((to) => !(signing && to === 'signed'));

const isOpen = (stage: Stage) => stage !== 'landed' && stage !== 'dropped';

const staleness = (item: IntentDto | DealDto, reading: Reading) =>
  isOpen(item.stage) && isStale(item.lastContactAt, reading.staleDays, reading.now);

/** A deal as a card or a page shows it. */
export function dealView(deal: DealDto, titles: Titles, reading: Reading) {
  return {
    ...deal,
    value: money(deal.contractValueFen, reading.locale),
    eventTitle: deal.eventId ? titles.events.get(deal.eventId) : undefined,
    resultTitle: deal.resultId ? titles.results.get(deal.resultId) : undefined,
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
) {
  const signed = new Set(deals.map((d) => d.intentId));
  const open = intents.filter((i) => !signed.has(i.id));
  return STAGES.map((stage) => ({
    stage,
    count: [...open, ...deals].filter((item) => item.stage === stage).length,
    intents: open
      .filter((i) => i.stage === stage)
      .map((i) => ({
        ...i,
        resultTitle: i.resultId ? titles.results.get(i.resultId) : undefined,
        eventTitle: i.eventId ? titles.events.get(i.eventId) : undefined,
        stale: staleness(i, reading),
        moves: nextStages(i.stage, true),
        signable: i.stage === 'negotiating',
      })),
    deals: deals.filter((d) => d.stage === stage).map((d) => dealView(d, titles, reading)),
  }));
}

/** A history line: what was done, and the stage or note or reason it carried. */
export function historyLine(entry: AuditEntryDto) {
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

/** A 3/6/12-month check-in as the deal's page shows it. */
export function checkInView(checkIn: DealCheckInDto, locale: Locale) {
  return {
    at: checkIn.recordedAt,
    months: checkIn.months,
    landed: checkIn.landed,
    received: money(checkIn.receivedFen, locale),
    outputValue: money(checkIn.outputValueFen, locale),
    note: checkIn.note,
  };
}
