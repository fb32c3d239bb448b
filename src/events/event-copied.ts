/**
 * An event was copied into a new draft (`EventsService.copy`): announced inside the transaction
 * that made the copy, so that features keeping things per event (the agenda: its rooms and items)
 * copy theirs with it, moved by `shiftMs` as the copy's start was.
 */
export class EventCopied {
  constructor(
    readonly fromId: string,
    readonly toId: string,
    readonly shiftMs: number,
  ) {}
}

/**
 * A draft whose agenda was never published moved its start by `shiftMs` (`EventsService.update`):
 * announced inside that transaction so that the agenda's items move with it.
 */
export class DraftEventMoved {
  constructor(
    readonly eventId: string,
    readonly shiftMs: number,
  ) {}
}
