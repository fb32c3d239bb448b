import { Sector } from 'src/events/sectors';

/** Counts by sector (政产学研金服用), with the total. */
export type BySector = Partial<Record<Sector, number>> & { total: number };

/** A number of things and what they are worth, in fen. */
export interface Amount {
  count: number;
  valueFen: number;
}

/** Results and needs brought into a programme (catalog_release), each counted once. */
export interface Released {
  results: number;
  needs: number;
}

/**
 * Who took part, distinct (a confirmed registration): institutions (高校院所: academia and research
 * sectors' organizations), enterprises (industry sector's organizations) and experts (people of the
 * academia and research sectors). Attendances (人次) are `confirmed` by sector.
 */
export interface Participants {
  institutions: number;
  enterprises: number;
  experts: number;
}

/** What an event led to, as compiled from the platform's records. */
export interface EventFigures {
  invited: number;
  registered: BySector;
  confirmed: BySector;
  checkedIn: BySector;
  /** Results presented or submitted for it (roadshows, agenda items). */
  results: number;
  /** Needs brought to it (docking sessions), once per session: 项次 over several events. */
  needs: number;
  /** Results released and needs collected at it (its catalog releases: submitted, presented, brought, imported, attached). */
  released: Released;
  participants: Participants;
  roadshows: number;
  dockingMeetings: number;
  /** Docking meetings by the outcome their parties recorded. */
  outcomes: Record<string, number>;
  /** Live sessions' audience (unique across the event's sessions), and views counted elsewhere. */
  liveViews: {
    total: number;
    unique: number;
    peakConcurrent: number;
    watchSeconds: number;
    external: number;
  };
  intents: number;
  /** Deals signed at the event's ceremony. */
  dealsAtEvent: Amount;
  /** Every deal that came of it, at the event or since (dropped ones excepted). */
  dealsSince: Amount;
  /** Every deal of it by its follow-up stage now (signed, landed 落地, dropped). */
  dealStages: { signed: Amount; landed: Amount; dropped: Amount };
  /** Money received (到账) and output value (产值) at each deal's latest 3/6/12-month check-in. */
  checkIns: { deals: number; receivedFen: number; outputValueFen: number };
  /**
   * The standing deals' agreed investment (协议投资额: the amount agreed where one was given, else
   * the contract value) apart from their technology-transaction value (技术交易额: the contract
   * values); `declared` counts the deals that gave an agreed investment.
   */
  investment: { declared: number; agreedFen: number; technologyFen: number };
  /** Technology contracts registered (技术合同认定登记) with their registered amounts, in all and by category. */
  registeredContracts: Amount & { byCategory: Record<string, Amount> };
}

export const emptyBySector = (): BySector => ({ total: 0 });
const none = (): Amount => ({ count: 0, valueFen: 0 });

export function emptyFigures(): EventFigures {
  return {
    invited: 0,
    registered: emptyBySector(),
    confirmed: emptyBySector(),
    checkedIn: emptyBySector(),
    results: 0,
    needs: 0,
    released: { results: 0, needs: 0 },
    participants: { institutions: 0, enterprises: 0, experts: 0 },
    roadshows: 0,
    dockingMeetings: 0,
    outcomes: {},
    liveViews: { total: 0, unique: 0, peakConcurrent: 0, watchSeconds: 0, external: 0 },
    intents: 0,
    dealsAtEvent: none(),
    dealsSince: none(),
    dealStages: { signed: none(), landed: none(), dropped: none() },
    checkIns: { deals: 0, receivedFen: 0, outputValueFen: 0 },
    investment: { declared: 0, agreedFen: 0, technologyFen: 0 },
    registeredContracts: { ...none(), byCategory: {} },
  };
}

/** Figures compiled before a figure existed read it as zero. */
export function completeFigures(stored: Partial<EventFigures>): EventFigures {
  return { ...emptyFigures(), ...stored };
}

const addAmount = (a: Amount, b: Amount): Amount => ({
  count: a.count + b.count,
  valueFen: a.valueFen + b.valueFen,
});

/** Adds the numbers of two records of the same shape, key by key (a key missing on one side is 0). */
function addNumbers<T extends Record<string, number>>(a: T, b: T): T {
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out as T;
}

function addAmounts(a: Record<string, Amount>, b: Record<string, Amount>): Record<string, Amount> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = addAmount(out[k] ?? none(), v);
  return out;
}

/**
 * The figures of several events together: counts add up; a peak is the highest peak. Distinct
 * counts (participants, released items) add up too, so over several events the roll-up replaces
 * them with the ones it counts once.
 */
export function addFigures(a: EventFigures, b: EventFigures): EventFigures {
  return {
    invited: a.invited + b.invited,
    registered: addNumbers(a.registered, b.registered),
    confirmed: addNumbers(a.confirmed, b.confirmed),
    checkedIn: addNumbers(a.checkedIn, b.checkedIn),
    results: a.results + b.results,
    needs: a.needs + b.needs,
    released: addNumbers({ ...a.released }, { ...b.released }),
    participants: addNumbers({ ...a.participants }, { ...b.participants }),
    roadshows: a.roadshows + b.roadshows,
    dockingMeetings: a.dockingMeetings + b.dockingMeetings,
    outcomes: addNumbers(a.outcomes, b.outcomes),
    liveViews: {
      total: a.liveViews.total + b.liveViews.total,
      unique: a.liveViews.unique + b.liveViews.unique,
      peakConcurrent: Math.max(a.liveViews.peakConcurrent, b.liveViews.peakConcurrent),
      watchSeconds: a.liveViews.watchSeconds + b.liveViews.watchSeconds,
      external: a.liveViews.external + b.liveViews.external,
    },
    intents: a.intents + b.intents,
    dealsAtEvent: addAmount(a.dealsAtEvent, b.dealsAtEvent),
    dealsSince: addAmount(a.dealsSince, b.dealsSince),
    dealStages: {
      signed: addAmount(a.dealStages.signed, b.dealStages.signed),
      landed: addAmount(a.dealStages.landed, b.dealStages.landed),
      dropped: addAmount(a.dealStages.dropped, b.dealStages.dropped),
    },
    checkIns: addNumbers({ ...a.checkIns }, { ...b.checkIns }),
    investment: addNumbers({ ...a.investment }, { ...b.investment }),
    registeredContracts: {
      ...addAmount(a.registeredContracts, b.registeredContracts),
      byCategory: addAmounts(a.registeredContracts.byCategory, b.registeredContracts.byCategory),
    },
  };
}
