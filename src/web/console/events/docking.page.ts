import { NeedDto } from 'src/catalog/dto/need.dto';
import { MEETING_LIFECYCLE } from 'src/docking/docking-status';
import { MeetingDto } from 'src/docking/dto/docking.dto';
import { RefusedForms } from 'src/web/console/events/event-pages';

/**
 * What the docking schedule page shows, from the docking services' DTOs: pure, so it is tested
 * without a browser. The controller loads, this presents, `program/docking.hbs` draws.
 */

/** A meeting with whether it may still be called off, and who recorded each outcome. */
export interface MeetingView extends MeetingDto {
  cancellable: boolean;
  outcomes: (MeetingDto['outcomes'][number] & { partyName?: string })[];
}

/** A slot of the grid: the times a seated meeting takes. */
export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

/** Tables × time slots, each cell the meetings at that table in that slot. */
export interface Grid<M> {
  slots: Slot[];
  rows: { table: string; cells: M[][] }[];
}

export interface DockingPage {
  tables: string[];
  /** The tables' textarea: one name a line (as typed when refused). */
  tablesText: unknown;
  needs: NeedDto[];
  grid: Grid<MeetingView>;
  unseated: MeetingView[];
}

export function dockingPage(
  tables: string[],
  needs: NeedDto[],
  meetings: MeetingDto[],
  refused: RefusedForms = {},
): DockingPage {
  const shown = meetings.map(meetingView);
  return {
    tables,
    tablesText: refused.tables?.form.tables ?? tables.join('\n'),
    needs,
    grid: gridOf(tables, shown),
    unseated: shown.filter((m) => !m.tableName),
  };
}

/** The tables as typed: one name a line, blank lines left out. */
export function tablesOf(text: unknown): string[] {
  return (typeof text === 'string' ? text : '')
    .split(/\r?\n/)
    .map((t) => t.trim())
    .filter(Boolean);
}

function meetingView(meeting: MeetingDto): MeetingView {
  const parties = [meeting.requester, meeting.counterpart];
  return {
    ...meeting,
    cancellable: MEETING_LIFECYCLE.can(meeting.status, 'cancelled'),
    outcomes: meeting.outcomes.map((o) => ({
      ...o,
      partyName: parties.find((p) => p.userId === o.userId)?.name,
    })),
  };
}

/** Tables × time slots (the slots the seated meetings take), each cell the meetings in it. */
export function gridOf<M extends MeetingDto>(tables: string[], meetings: M[]): Grid<M> {
  const seated = meetings.filter((m) => m.tableName);
  const slotKey = (m: Slot) =>
    `${new Date(m.startsAt).toISOString()}/${new Date(m.endsAt).toISOString()}`;
  const slots = [...new Map(seated.map((m) => [slotKey(m), m])).values()]
    .map(({ startsAt, endsAt }) => ({ startsAt, endsAt }))
    .sort((a, b) => +new Date(a.startsAt) - +new Date(b.startsAt));
  const rows = tables.map((table) => ({
    table,
    cells: slots.map((slot) =>
      seated.filter((m) => m.tableName === table && slotKey(m) === slotKey(slot)),
    ),
  }));
  return { slots, rows };
}
