import { AgendaItemDto, RoomDto } from 'src/agenda/dto/agenda.dto';
import { fromWallClock, toWallClock } from 'src/common/time';
import { listOf } from 'src/web/form-values';
import { RoadshowCallViewDto, RoadshowDto } from 'src/roadshows/dto/roadshow.dto';
import { Form } from 'src/web/forms';
import { ConsoleEvent, Expert, RefusedForms } from 'src/web/console/events/event-pages';
import { RefusedForm } from 'src/web/forms';

/**
 * What the roadshow review page shows, from the services' DTOs: pure, so it is tested without a
 * browser. The controller loads, this presents, `program/roadshows.hbs` draws.
 */

/** A submission with its people named, its reviewers, and its schedule form (or the refusal of one of its forms). */
export interface SubmissionView extends RoadshowDto {
  presenterNames: string[];
  submitterName: string;
  reviewerIds: string[];
  refused?: RefusedForm;
  scheduleForm: Form;
}

export interface RoadshowsPage {
  call?: RoadshowCallViewDto;
  /** The call's form: as it is (as typed when refused), its times as the inputs show them. */
  callForm: Form;
  submissions: SubmissionView[];
  experts: Expert[];
  /** The event's rooms, which a roadshow's slot chooses from (kept on the agenda page). */
  roomList: RoomDto[];
}

/** What the page is drawn from. */
export interface RoadshowsInput {
  event: ConsoleEvent;
  call?: RoadshowCallViewDto;
  roadshows: RoadshowDto[];
  /** The event's agenda items, where the scheduled roadshows are. */
  agendaItems: AgendaItemDto[];
  /** The event's rooms (`AgendaRooms.of`). */
  rooms?: RoomDto[];
  experts: Expert[];
  timeZone: string;
  /** A refused form: `call`, or a submission's by its id. */
  refused?: RefusedForms;
}

export function roadshowsPage(input: RoadshowsInput): RoadshowsPage {
  const { call, experts, timeZone, refused = {} } = input;
  const nameOf = (id: string) => experts.find((e) => e.id === id)?.name ?? '—';
  const submissions = input.roadshows.map((roadshow) => ({
    ...roadshow,
    presenterNames: roadshow.presenterIds.map(nameOf),
    submitterName: nameOf(roadshow.submittedBy),
    reviewerIds: (roadshow.reviews ?? []).map((r) => r.reviewerId),
    refused: refused[roadshow.id],
    scheduleForm: refused[roadshow.id]?.form ?? scheduleDefaults(input, roadshow.agendaItemId),
  }));
  const callForm = refused.call?.form ?? {
    opensAt: call ? toWallClock(call.opensAt, timeZone) : '',
    closesAt: call ? toWallClock(call.closesAt, timeZone) : '',
    fields: call?.fields.join('、') ?? '',
    description: call?.description ?? '',
  };
  return { call, callForm, submissions, experts, roomList: input.rooms ?? [] };
}

/** A scheduled roadshow's form starts from its place on the agenda; a new one from the event's start. */
function scheduleDefaults(
  { agendaItems, event, timeZone }: RoadshowsInput,
  agendaItemId: string | null,
): Form {
  const item = agendaItems.find((i) => i.id === agendaItemId);
  if (!item) {
    const start = toWallClock(event.startsAt, timeZone);
    return { startsAt: start, endsAt: start };
  }
  return {
    startsAt: toWallClock(item.startsAt, timeZone),
    endsAt: toWallClock(item.endsAt, timeZone),
    room: item.room ?? '',
  };
}

/** The call's form as its DTO reads it: the times typed in `timeZone`, the fields a list. */
export function callInput(body: Form, timeZone: string): Form {
  return {
    opensAt: fromWallClock(body?.opensAt, timeZone),
    closesAt: fromWallClock(body?.closesAt, timeZone),
    fields: listOf(body?.fields) ?? [],
    description: body?.description,
  };
}
