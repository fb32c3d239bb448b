import { MeetingStatus } from 'src/docking/docking-status';
import { EventStatus } from 'src/events/event-status';
import { Sector } from 'src/events/sectors';
import { InvitationStatus } from 'src/invitations/invitation-status';
import { Stage } from 'src/deals/follow-up-status';
import { LiveSessionStatus } from 'src/live/live-session.entity';
import { ACTIVE_STATUSES, RegistrationStatus } from 'src/registrations/registration-status';
import { RoadshowStatus } from 'src/roadshows/roadshow-status';
import { BySector, EventFigures, Participants } from 'src/stats/figures';

/**
 * Which records the figures count, by the statuses of each feature's own lifecycle. Every status
 * the statistics SQL names comes from here, as a bound parameter: none is written into the SQL,
 * and figures-sql.spec.ts checks each against its feature's definitions.
 */
export const COUNTED = {
  /** Events whose figures count: those that took place. */
  heldEvents: ['concluded', 'archived'] as readonly EventStatus[],
  /** Invitations still standing (a revoked one was never really sent out). */
  revokedInvitation: 'revoked' satisfies InvitationStatus,
  /** Registrations holding a place: awaiting approval, waiting or seated. */
  registered: ACTIVE_STATUSES satisfies readonly RegistrationStatus[],
  confirmed: 'confirmed' satisfies RegistrationStatus,
  /** Roadshows presented, or accepted to be (not yet on the agenda). */
  acceptedRoadshow: 'accepted' satisfies RoadshowStatus,
  /** Docking meetings that took place. */
  acceptedMeeting: 'accepted' satisfies MeetingStatus,
  endedLiveSession: 'ended' satisfies LiveSessionStatus,
  /** Deals that still stand. */
  droppedDeal: 'dropped' satisfies Stage,
  /** Deals put into practice (落地). */
  landedDeal: 'landed' satisfies Stage,
} as const;

/** Whose organizations count as institutions (高校院所) and whose people as experts; as enterprises. */
export const PARTICIPANT_SECTORS = {
  institutions: ['academia', 'research'] as readonly Sector[],
  enterprises: 'industry' satisfies Sector,
} as const;

/** What is counted of participants, in the order of GROUP_PARTICIPANTS' `what`. */
export const PARTICIPANT_KINDS = ['institutions', 'enterprises', 'experts'] as const;

/**
 * Writes who took part in the events `$1` (confirmed registrations) into event_participants, once
 * each: an institution or enterprise by its name as typed (trimmed, case aside), an expert by
 * account, else e-mail, else mobile; each as a 64-bit hash. Events whose people were anonymised
 * keep the participants compiled before. Parameters: `$2` confirmed, `$3` the institutions'
 * sectors, `$4` the enterprises'.
 */
export const PARTICIPANTS_OF = {
  clear: `DELETE FROM event_participants p USING event e
           WHERE p.event_id = ANY($1) AND e.id = p.event_id AND e.anonymised_at IS NULL`,
  sql: `INSERT INTO event_participants (event_id, institutions, enterprises, experts)
        SELECT r.event_id,
               coalesce(array_agg(DISTINCT hashtextextended(o.name, 0))
                          FILTER (WHERE r.sector = ANY($3) AND o.name IS NOT NULL), '{}'),
               coalesce(array_agg(DISTINCT hashtextextended(o.name, 0))
                          FILTER (WHERE r.sector = $4 AND o.name IS NOT NULL), '{}'),
               coalesce(array_agg(DISTINCT hashtextextended(
                          coalesce(r.user_id::text, lower(r.email), r.mobile, r.id::text), 0))
                          FILTER (WHERE r.sector = ANY($3)), '{}')
          FROM registration r
          JOIN event e ON e.id = r.event_id AND e.anonymised_at IS NULL
          CROSS JOIN LATERAL (SELECT lower(nullif(btrim(r.organization_name), '')) AS name) o
         WHERE r.event_id = ANY($1) AND r.status = $2 AND (r.sector = ANY($3) OR r.sector = $4)
         GROUP BY r.event_id`,
  params: [COUNTED.confirmed, PARTICIPANT_SECTORS.institutions, PARTICIPANT_SECTORS.enterprises],
};

/** Adds a participant count (`what`: 1, 2, 3 as PARTICIPANT_KINDS; `n`) to `participants`. */
export function addParticipantRow(participants: Participants, row: Record<string, unknown>): void {
  participants[PARTICIPANT_KINDS[(row.what as number) - 1]] = row.n as number;
}

/**
 * The distinct participants of groups of events: `$1` the events and `$2` the group (a number)
 * each stands in (an event may stand in several, once per pair), counted once per group however
 * many of its events a participant came to.
 */
export const GROUP_PARTICIPANTS = `
  SELECT key, what, count(*)::int AS n
    FROM (SELECT DISTINCT g.key, w.what, w.who
            FROM unnest($1::uuid[], $2::int[]) AS g(event_id, key)
            JOIN event_participants p ON p.event_id = g.event_id
            CROSS JOIN LATERAL (SELECT 1 AS what, unnest(p.institutions) AS who
                                UNION ALL SELECT 2, unnest(p.enterprises)
                                UNION ALL SELECT 3, unnest(p.experts)) w) x
   GROUP BY key, what`;

type Row = Record<string, unknown>;

/** One set-based query over the events `$1`, and how each of its rows adds to an event's figures. */
export interface FigureQuery {
  sql: string;
  params: unknown[];
  apply(figures: EventFigures, row: Row): void;
}

/** The queries that compile the figures of the events whose ids are `$1`. */
export const FIGURE_QUERIES: FigureQuery[] = [
  {
    sql: `SELECT event_id, count(*)::int AS n FROM invitation
           WHERE event_id = ANY($1) AND status <> $2 GROUP BY event_id`,
    params: [COUNTED.revokedInvitation],
    apply: (f, r) => (f.invited = r.n as number),
  },
  {
    sql: `SELECT event_id, sector,
                 count(*) FILTER (WHERE status = ANY($2))::int AS registered,
                 count(*) FILTER (WHERE status = $3)::int AS confirmed,
                 count(*) FILTER (WHERE checked_in_at IS NOT NULL)::int AS checked_in
            FROM registration WHERE event_id = ANY($1) GROUP BY event_id, sector`,
    params: [COUNTED.registered, COUNTED.confirmed],
    apply: (f, r) => {
      const add = (by: BySector, n: number) => {
        by[r.sector as Sector] = n;
        by.total += n;
      };
      add(f.registered, r.registered as number);
      add(f.confirmed, r.confirmed as number);
      add(f.checkedIn, r.checked_in as number);
    },
  },
  {
    sql: `SELECT event_id, count(DISTINCT result_id)::int AS results,
                 count(*) FILTER (WHERE kind = 'roadshow')::int AS roadshows
            FROM (SELECT event_id, result_id, kind FROM agenda_item WHERE event_id = ANY($1)
                  UNION ALL
                  SELECT event_id, result_id, NULL FROM roadshow
                   WHERE event_id = ANY($1) AND status = $2 AND agenda_item_id IS NULL) x
           GROUP BY event_id`,
    params: [COUNTED.acceptedRoadshow],
    apply: (f, r) => {
      f.results = r.results as number;
      f.roadshows = r.roadshows as number;
    },
  },
  {
    // After PARTICIPANTS_OF has written them.
    sql: `SELECT event_id, cardinality(institutions) AS institutions,
                 cardinality(enterprises) AS enterprises, cardinality(experts) AS experts
            FROM event_participants WHERE event_id = ANY($1)`,
    params: [],
    apply: (f, r) =>
      (f.participants = {
        institutions: r.institutions as number,
        enterprises: r.enterprises as number,
        experts: r.experts as number,
      }),
  },
  {
    sql: `SELECT cr.event_id, count(DISTINCT cr.result_id) FILTER (WHERE res.published)::int AS results,
                 count(DISTINCT cr.need_id)::int AS needs
            FROM catalog_release cr LEFT JOIN research_result res ON res.id = cr.result_id
           WHERE cr.event_id = ANY($1) GROUP BY cr.event_id`,
    params: [],
    apply: (f, r) => (f.released = { results: r.results as number, needs: r.needs as number }),
  },
  {
    sql: `SELECT event_id, count(*)::int AS n FROM docking_need WHERE event_id = ANY($1) GROUP BY event_id`,
    params: [],
    apply: (f, r) => (f.needs = r.n as number),
  },
  {
    sql: `SELECT m.event_id, count(DISTINCT m.id)::int AS meetings,
                 coalesce(jsonb_object_agg(o.outcome, o.n) FILTER (WHERE o.outcome IS NOT NULL), '{}') AS outcomes
            FROM docking_meeting m
            LEFT JOIN (SELECT meeting_id, outcome, count(*)::int AS n FROM docking_outcome
                        GROUP BY meeting_id, outcome) o ON o.meeting_id = m.id
           WHERE m.event_id = ANY($1) AND m.status = $2
           GROUP BY m.event_id`,
    params: [COUNTED.acceptedMeeting],
    apply: (f, r) => {
      f.dockingMeetings = r.meetings as number;
      f.outcomes = r.outcomes as Record<string, number>;
    },
  },
  {
    sql: `SELECT s.event_id, sum(s.total_views)::bigint AS total, max(s.peak_concurrent) AS peak,
                 sum(s.watch_seconds)::bigint AS watch,
                 (SELECT count(DISTINCT v.viewer_id) FROM live_viewer v
                    JOIN live_session o ON o.id = v.session_id
                   WHERE o.event_id = s.event_id)::int AS unique_viewers
            FROM live_session s WHERE s.event_id = ANY($1) AND s.status = $2 GROUP BY s.event_id`,
    params: [COUNTED.endedLiveSession],
    apply: (f, r) => {
      f.liveViews.total = Number(r.total);
      f.liveViews.unique = r.unique_viewers as number;
      f.liveViews.peakConcurrent = r.peak as number;
      f.liveViews.watchSeconds = Number(r.watch);
    },
  },
  {
    sql: `SELECT event_id, sum(views)::bigint AS n FROM external_views
           WHERE event_id = ANY($1) GROUP BY event_id`,
    params: [],
    apply: (f, r) => (f.liveViews.external = Number(r.n)),
  },
  {
    sql: `SELECT event_id, count(*)::int AS n FROM intent WHERE event_id = ANY($1) GROUP BY event_id`,
    params: [],
    apply: (f, r) => (f.intents = r.n as number),
  },
  {
    sql: `SELECT event_id,
                 count(*) FILTER (WHERE at_ceremony)::int AS at_count,
                 coalesce(sum(contract_value_fen) FILTER (WHERE at_ceremony), 0)::bigint AS at_value,
                 count(*)::int AS since_count, coalesce(sum(contract_value_fen), 0)::bigint AS since_value,
                 count(investment_fen)::int AS declared,
                 sum(coalesce(investment_fen, contract_value_fen))::bigint AS agreed
            FROM deal WHERE event_id = ANY($1) AND stage <> $2 GROUP BY event_id`,
    params: [COUNTED.droppedDeal],
    apply: (f, r) => {
      f.dealsAtEvent = { count: r.at_count as number, valueFen: Number(r.at_value) };
      f.dealsSince = { count: r.since_count as number, valueFen: Number(r.since_value) };
      f.investment = {
        declared: r.declared as number,
        agreedFen: Number(r.agreed),
        technologyFen: Number(r.since_value),
      };
    },
  },
  {
    sql: `SELECT event_id, stage, count(*)::int AS n, sum(contract_value_fen)::bigint AS value
            FROM deal WHERE event_id = ANY($1) GROUP BY event_id, stage`,
    params: [],
    apply: (f, r) => {
      const stage =
        r.stage === COUNTED.droppedDeal
          ? 'dropped'
          : r.stage === COUNTED.landedDeal
            ? 'landed'
            : 'signed';
      const was = f.dealStages[stage];
      f.dealStages[stage] = {
        count: was.count + (r.n as number),
        valueFen: was.valueFen + Number(r.value),
      };
    },
  },
  {
    // Check-ins tell how much has come so far: each deal's latest one counts.
    sql: `SELECT d.event_id, count(*)::int AS deals, sum(c.received_fen)::bigint AS received,
                 sum(c.output_value_fen)::bigint AS output
            FROM deal d
            JOIN LATERAL (SELECT received_fen, output_value_fen FROM deal_check_in c
                           WHERE c.deal_id = d.id ORDER BY c.months DESC LIMIT 1) c ON true
           WHERE d.event_id = ANY($1) GROUP BY d.event_id`,
    params: [],
    apply: (f, r) => {
      f.checkIns = {
        deals: r.deals as number,
        receivedFen: Number(r.received),
        outputValueFen: Number(r.output),
      };
    },
  },
  {
    sql: `SELECT event_id, contract_category AS category, count(*)::int AS n,
                 sum(registered_amount_fen)::bigint AS amount
            FROM deal WHERE event_id = ANY($1) AND registration_number IS NOT NULL
           GROUP BY event_id, contract_category`,
    params: [],
    apply: (f, r) => {
      const registered = f.registeredContracts;
      const amount = { count: r.n as number, valueFen: Number(r.amount) };
      f.registeredContracts = {
        count: registered.count + amount.count,
        valueFen: registered.valueFen + amount.valueFen,
        byCategory: { ...registered.byCategory, [r.category as string]: amount },
      };
    },
  },
];

/**
 * A deal with where it lies: its result (`r`), the result's institution (`ri`) and the organization
 * registered under the name of the deal's institution (`named`, the first registered with a
 * region), for the deals without a result or whose result gives no region.
 */
const PLACED_DEALS = `deal d
  LEFT JOIN research_result r ON r.id = d.result_id
  LEFT JOIN organization ri ON ri.id = r.institution_id
  LEFT JOIN (SELECT DISTINCT ON (lower(btrim(name))) lower(btrim(name)) AS name, region
               FROM organization WHERE nullif(btrim(region), '') IS NOT NULL
              ORDER BY lower(btrim(name)), created_at) named
         ON named.name = lower(btrim(d.institution_name))`;

/** A deal's region (over PLACED_DEALS): its result's, else its institution's; null when none is known. */
const DEAL_REGION = `coalesce(nullif(btrim(r.region), ''), nullif(btrim(ri.region), ''), named.region)`;

/** Deals of the events `$1` grouped by `key` (an institution, a region), with their events. */
export function dealGroupsSql(by: 'institution' | 'region'): { sql: string; params: unknown[] } {
  const key = by === 'institution' ? 'd.institution_name' : `coalesce(${DEAL_REGION}, '未知')`;
  return {
    sql: `SELECT ${key} AS key, count(DISTINCT d.event_id)::int AS events, count(*)::int AS count,
                 sum(d.contract_value_fen)::bigint AS value
            FROM ${PLACED_DEALS}
           WHERE d.event_id = ANY($1) AND d.stage <> $2
           GROUP BY 1 ORDER BY sum(d.contract_value_fen) DESC, 1`,
    params: [COUNTED.droppedDeal],
  };
}

/**
 * The partner institutions of the events `$1` (see `stats/partners.ts`): each institution of a
 * standing deal, by name as typed (trimmed, case aside), with the regions its deals lie in.
 */
export const PARTNERS_OF = {
  sql: `SELECT lower(btrim(d.institution_name)) AS institution, ${DEAL_REGION} AS region,
               count(*)::int AS deals
          FROM ${PLACED_DEALS}
         WHERE d.event_id = ANY($1) AND d.stage <> $2 AND btrim(d.institution_name) <> ''
         GROUP BY 1, 2`,
  params: [COUNTED.droppedDeal],
};
