import { Sector } from 'src/events/sectors';

/** Counts by sector (政产学研金服用), with the total. */
export type BySector = Partial<Record<Sector, number>> & { total: number };

/** What an event led to, as compiled from the platform's records. */
export interface EventFigures {
  invited: number;
  registered: BySector;
  confirmed: BySector;
  checkedIn: BySector;
  /** Results presented or submitted for it (roadshows, agenda items). */
  results: number;
  /** Needs brought to it (docking sessions). */
  needs: number;
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
  dealsAtEvent: { count: number; valueFen: number };
  /** Every deal that came of it, at the event or since (dropped ones excepted). */
  dealsSince: { count: number; valueFen: number };
}

export const emptyBySector = (): BySector => ({ total: 0 });

export function emptyFigures(): EventFigures {
  return {
    invited: 0,
    registered: emptyBySector(),
    confirmed: emptyBySector(),
    checkedIn: emptyBySector(),
    results: 0,
    needs: 0,
    roadshows: 0,
    dockingMeetings: 0,
    outcomes: {},
    liveViews: { total: 0, unique: 0, peakConcurrent: 0, watchSeconds: 0, external: 0 },
    intents: 0,
    dealsAtEvent: { count: 0, valueFen: 0 },
    dealsSince: { count: 0, valueFen: 0 },
  };
}

/** The figures of several events together: counts add up; a peak is the highest peak. */
export function addFigures(a: EventFigures, b: EventFigures): EventFigures {
  const sectors = (x: BySector, y: BySector): BySector => {
    const out: BySector = { total: x.total + y.total };
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
      if (key === 'total') continue;
      const k = key as Sector;
      out[k] = (x[k] ?? 0) + (y[k] ?? 0);
    }
    return out;
  };
  const outcomes = { ...a.outcomes };
  for (const [k, v] of Object.entries(b.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + v;
  return {
    invited: a.invited + b.invited,
    registered: sectors(a.registered, b.registered),
    confirmed: sectors(a.confirmed, b.confirmed),
    checkedIn: sectors(a.checkedIn, b.checkedIn),
    results: a.results + b.results,
    needs: a.needs + b.needs,
    roadshows: a.roadshows + b.roadshows,
    dockingMeetings: a.dockingMeetings + b.dockingMeetings,
    outcomes,
    liveViews: {
      total: a.liveViews.total + b.liveViews.total,
      unique: a.liveViews.unique + b.liveViews.unique,
      peakConcurrent: Math.max(a.liveViews.peakConcurrent, b.liveViews.peakConcurrent),
      watchSeconds: a.liveViews.watchSeconds + b.liveViews.watchSeconds,
      external: a.liveViews.external + b.liveViews.external,
    },
    intents: a.intents + b.intents,
    dealsAtEvent: {
      count: a.dealsAtEvent.count + b.dealsAtEvent.count,
      valueFen: a.dealsAtEvent.valueFen + b.dealsAtEvent.valueFen,
    },
    dealsSince: {
      count: a.dealsSince.count + b.dealsSince.count,
      valueFen: a.dealsSince.valueFen + b.dealsSince.valueFen,
    },
  };
}
