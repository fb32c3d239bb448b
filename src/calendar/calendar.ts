import ical, { ICalEventStatus } from 'ical-generator';
import { Event } from 'src/events/event.entity';
import { venueOf } from 'src/events/event-rules';

export interface CalendarEntry {
  id: string;
  title: string;
  summary: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  url: string;
  cancelled: boolean;
  updatedAt: Date;
}

/** An event as a calendar shows it; `publicUrl` makes its link (the event's public page). */
export function calendarEntry(event: Event, publicUrl: string): CalendarEntry {
  return {
    id: event.id,
    title: event.title,
    summary: event.summary,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    location: venueOf(event) || event.streamUrl,
    url: `${publicUrl}/activities/${event.id}`,
    cancelled: event.status === 'cancelled',
    updatedAt: event.updatedAt,
  };
}

/**
 * An iCalendar (RFC 5545) document of events. Times are written in UTC, which every calendar shows
 * in its reader's zone (a TZID would need a VTIMEZONE definition). A changed event supersedes its
 * earlier copy by SEQUENCE.
 */
export function toICalendar(
  name: string,
  entries: readonly CalendarEntry[],
  now = new Date(),
): string {
  const calendar = ical({ name, prodId: { company: 'duijie', product: 'duijie', language: 'ZH' } });
  for (const e of entries) {
    calendar.createEvent({
      id: `${e.id}@duijie`,
      sequence: Math.floor(e.updatedAt.getTime() / 1000) % 2 ** 31,
      stamp: now,
      start: e.startsAt,
      end: e.endsAt,
      summary: e.title,
      description: e.summary || undefined,
      location: e.location ?? undefined,
      url: e.url,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
