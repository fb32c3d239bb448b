/**
 * Who a joined peer is in a session, as admitted by `LiveService.admit`: a plain record the
 * gateway keeps per peer and the talk service reads, so no entity outlives the admission.
 */
export interface Attendance {
  sessionId: string;
  eventId: string;
  /** The agenda item the session presents, or null for a session of the whole event. */
  agendaItemId: string | null;
  /** Sends media. */
  presenter: boolean;
  /** Moderates questions (the event's organizers). */
  moderator: boolean;
  /** Answers questions (presenters and organizers). */
  answers: boolean;
  /** `user:<id>` or `guest:<viewer id>`: what unique viewers count. */
  viewerId: string;
}
