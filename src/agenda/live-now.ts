import { LiveState } from 'src/agenda/dto/agenda.dto';

/**
 * What is on the live stage now, as the agenda shows it beside its items. The live stage builds on
 * the agenda (it comes later in the dependency order), so the agenda states what it needs here and
 * the live module provides it; a process without a live stage provides nothing, and nothing is
 * live there.
 */
export abstract class LiveNow {
  /** The event's items being streamed now, with their session, by item id. */
  abstract itemsLive(eventId: string): Promise<Map<string, LiveState>>;
}
