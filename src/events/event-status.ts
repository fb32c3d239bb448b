import { defineLifecycle } from 'src/common/lifecycle';
import { EventError } from 'src/events/events.errors';

/**
 * Lifecycle of an event, as a pure transition table (DESIGN.md):
 *   draft → published → registration_open ⇄ registration_closed → live → concluded → archived,
 * and cancelled from any state before concluded. An event also goes live straight from published
 * or registration_open when its first live session starts (walk-in viewers of a cloud docking).
 */
export const EVENT_STATUSES = [
  'draft',
  'published',
  'registration_open',
  'registration_closed',
  'live',
  'concluded',
  'archived',
  'cancelled',
] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

const TRANSITIONS: Readonly<Record<EventStatus, readonly EventStatus[]>> = {
  draft: ['published', 'cancelled'],
  published: ['registration_open', 'live', 'cancelled'],
  // Registration may be reopened, e.g. when seats are added.
  registration_open: ['registration_closed', 'live', 'cancelled'],
  registration_closed: ['registration_open', 'live', 'cancelled'],
  live: ['concluded', 'cancelled'],
  concluded: ['archived'],
  archived: [],
  cancelled: [],
};

export const EVENT_LIFECYCLE = defineLifecycle(EVENT_STATUSES, TRANSITIONS, (moved) =>
  EventError.EVENT_INVALID_TRANSITION(moved),
);

/** Statuses in which the public sees an event (drafts are the organizers' own). */
export const VISIBLE_STATUSES: readonly EventStatus[] = EVENT_STATUSES.filter((s) => s !== 'draft');
